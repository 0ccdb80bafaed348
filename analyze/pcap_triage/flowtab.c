/*
 * The bounded flow table with idle expiry in capture time (see
 * flowtab.h): chained hashing into a power-of-two bucket array that
 * doubles as the table fills (at most one entry per bucket on average,
 * up to the one sized for the maximum), and one doubly linked list in the
 * order of last use.  A bucket array sized for the live flows, not for
 * the maximum, stays in the cache: every reader looks up every frame.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/flowtab.h"

struct ent {
	struct ent	*hnext;
	struct ent	*prev, *next;	/* the use list: oldest first */
	int64_t		 last, idle;
	uint32_t	 hash;
	/* the key, padded to 8 bytes, then the data */
	uint64_t	 mem[];
};

struct flowtab {
	size_t		 keylen, keypad, datalen, max, n, peak, nb, nb_max;
	uint64_t	 evicted;
	struct ent	**b;
	struct ent	*head;		/* sentinel of the use list (allocated apart: ent ends in a flexible array) */
	int64_t		 min_idle;	/* smallest timeout of any entry so far */
	/*
	 * No entry can expire before this capture time: the last walk's
	 * bound, lowered by every entry made or given a shorter timeout
	 * since.  Entries waiting out long timeouts at the head of the list
	 * are walked again only when one of them may be due, not per frame.
	 */
	int64_t		 next_due;
	flowtab_done_fn	 done;
	void		*ctx;
	/*
	 * Entries dropped lately, kept for the next ones made (chained by
	 * hnext): a capture of many short connections would otherwise
	 * calloc and free one per connection in each reader.
	 */
	struct ent	*spare;
	size_t		 nspare;
};

#define SPARE_MAX	32

/*
 * Eight bytes at a time, each word multiplied into the state and the
 * state finalised as MurmurHash3's fmix64: keys are 6 to 40 bytes and
 * hashed several times per frame, so the byte loop of FNV cost a fifth
 * of pcap-triage's time.  The low bits, which pick the bucket, depend on
 * every byte of the key.
 */
uint32_t
flowtab_hash(const void *p, size_t n, uint32_t seed)
{
	const uint8_t *b = p;
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ull), w;

	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (n > 0) {
		w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/*
		 * A key of a word or more: its last eight bytes, shifted so
		 * only the tail's remain, are the value copying the tail into
		 * a zeroed word gives, in one load instead of a byte loop
		 * (nearly every key ends in one: addresses are 17 bytes).
		 */
		if (b != p) {
			memcpy(&w, b + n - 8, 8);
			w >>= 8 * (8 - n);
		} else
#endif
			memcpy(&w, b, n);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return (uint32_t)h;
}

static void *
key_of(const struct ent *e)
{
	return (void *)(uintptr_t)e->mem;
}

static void *
data_of(const struct flowtab *t, struct ent *e)
{
	return (uint8_t *)e->mem + t->keypad;
}

static struct ent *
ent_of(const struct flowtab *t, const void *data)
{
	return (struct ent *)(uintptr_t)((const uint8_t *)data - t->keypad - offsetof(struct ent, mem));
}

struct flowtab *
flowtab_new(size_t keylen, size_t datalen, size_t max, flowtab_done_fn done, void *ctx)
{
	struct flowtab *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->keylen = keylen;
	t->keypad = (keylen + 7) & ~(size_t)7;
	t->datalen = datalen;
	t->max = max < 1 ? 1 : max;
	for (t->nb_max = 16; t->nb_max < t->max && t->nb_max < ((size_t)1 << 24); t->nb_max *= 2)
		;
	t->nb = 16;
	t->b = calloc(t->nb, sizeof(*t->b));
	t->head = calloc(1, sizeof(*t->head));
	if (t->b == NULL || t->head == NULL) {
		free(t->b);
		free(t->head);
		free(t);
		return NULL;
	}
	t->head->prev = t->head->next = t->head;
	t->min_idle = INT64_MAX;
	t->next_due = INT64_MAX;
	t->done = done;
	t->ctx = ctx;
	return t;
}

/* The first capture time at which an entry last touched at last, with timeout idle, expires. */
static int64_t
due_at(int64_t last, int64_t idle)
{
	if (idle < 0 || last > INT64_MAX - 1 - idle)
		return INT64_MAX;
	return last + idle + 1;
}

static void
note_due(struct flowtab *t, int64_t last, int64_t idle)
{
	int64_t d = due_at(last, idle);

	if (d < t->next_due)
		t->next_due = d;
}

static void
list_unlink(struct ent *e)
{
	e->prev->next = e->next;
	e->next->prev = e->prev;
}

static void
list_append(struct flowtab *t, struct ent *e)
{
	e->prev = t->head->prev;
	e->next = t->head;
	t->head->prev->next = e;
	t->head->prev = e;
}

/* Unhash, unlist, tell the owner, free. */
static void
drop(struct flowtab *t, struct ent *e, bool evicted)
{
	struct ent **pp = &t->b[e->hash & (t->nb - 1)];

	while (*pp != NULL && *pp != e)
		pp = &(*pp)->hnext;
	if (*pp == e)
		*pp = e->hnext;
	list_unlink(e);
	t->n--;
	if (evicted)
		t->evicted++;
	if (t->done != NULL)
		t->done(t->ctx, data_of(t, e), evicted);
	if (t->nspare < SPARE_MAX) {
		e->hnext = t->spare;
		t->spare = e;
		t->nspare++;
	} else {
		free(e);
	}
}

/* Twice the buckets, every entry rehashed; on no memory, the old ones stay. */
static void
grow(struct flowtab *t)
{
	size_t nb = t->nb * 2;
	struct ent **b = calloc(nb, sizeof(*b)), *e;

	if (b == NULL)
		return;
	for (e = t->head->next; e != t->head; e = e->next) {
		e->hnext = b[e->hash & (nb - 1)];
		b[e->hash & (nb - 1)] = e;
	}
	free(t->b);
	t->b = b;
	t->nb = nb;
}

void *
flowtab_get(struct flowtab *t, const void *key, int64_t ts, int64_t idle_ns, bool create,
    bool *created)
{
	uint32_t h = flowtab_hash(key, t->keylen, 0);
	struct ent *e;

	if (created != NULL)
		*created = false;
	for (e = t->b[h & (t->nb - 1)]; e != NULL; e = e->hnext)
		if (e->hash == h && memcmp(key_of(e), key, t->keylen) == 0)
			break;
	if (e != NULL) {
		if (ts > e->last) {
			e->last = ts;
			/*
			 * Already the last used (a burst of one flow's frames):
			 * relinking would leave the list as it is, and touch
			 * two more entries' cache lines for nothing.
			 */
			if (e != t->head->prev) {
				list_unlink(e);
				list_append(t, e);
			}
		}
		return data_of(t, e);
	}
	if (!create)
		return NULL;
	if (t->n >= t->max && t->head->next != t->head)
		drop(t, t->head->next, true);
	if (t->spare != NULL) {
		e = t->spare;
		t->spare = e->hnext;
		t->nspare--;
		memset(e, 0, sizeof(*e) + t->keypad + t->datalen);
	} else if ((e = calloc(1, sizeof(*e) + t->keypad + t->datalen)) == NULL) {
		return NULL;
	}
	memcpy(key_of(e), key, t->keylen);
	e->hash = h;
	e->last = ts;
	e->idle = idle_ns;
	if (idle_ns < t->min_idle)
		t->min_idle = idle_ns;
	note_due(t, ts, idle_ns);
	e->hnext = t->b[h & (t->nb - 1)];
	t->b[h & (t->nb - 1)] = e;
	list_append(t, e);
	if (++t->n > t->peak)
		t->peak = t->n;
	if (t->n > t->nb && t->nb < t->nb_max)
		grow(t);
	if (created != NULL)
		*created = true;
	return data_of(t, e);
}

const void *
flowtab_key(const struct flowtab *t, const void *data)
{
	return key_of(ent_of(t, data));
}

void
flowtab_set_idle(struct flowtab *t, void *data, int64_t idle_ns)
{
	struct ent *e = ent_of(t, data);

	e->idle = idle_ns;
	if (idle_ns < t->min_idle)
		t->min_idle = idle_ns;
	note_due(t, e->last, idle_ns);
}

void
flowtab_remove(struct flowtab *t, void *data)
{
	drop(t, ent_of(t, data), false);
}

/*
 * From the oldest on: every entry idle past its own timeout goes.  The
 * walk stops at the first entry that is not idle even by the shortest
 * timeout, since all after it were used more recently.
 */
void
flowtab_expire(struct flowtab *t, int64_t now)
{
	struct ent *e = t->head->next, *next;

	if (now < t->next_due)
		return;
	t->next_due = INT64_MAX;
	while (e != t->head) {
		next = e->next;
		if (now - e->last <= t->min_idle) {
			/* Every later entry was touched since, and times out after min_idle at least. */
			note_due(t, e->last, t->min_idle);
			break;
		}
		if (now - e->last > e->idle)
			drop(t, e, false);
		else
			note_due(t, e->last, e->idle);
		e = next;
	}
}

void
flowtab_drain(struct flowtab *t)
{
	while (t->head->next != t->head)
		drop(t, t->head->next, false);
}

void
flowtab_each(struct flowtab *t, void (*fn)(void *ctx, void *data), void *ctx)
{
	struct ent *e;

	for (e = t->head->next; e != t->head; e = e->next)
		fn(ctx, data_of(t, e));
}

size_t
flowtab_count(const struct flowtab *t)
{
	return t->n;
}

size_t
flowtab_peak(const struct flowtab *t)
{
	return t->peak;
}

uint64_t
flowtab_evicted(const struct flowtab *t)
{
	return t->evicted;
}

void
flowtab_free(struct flowtab *t)
{
	struct ent *e, *next;

	if (t == NULL)
		return;
	for (e = t->head->next; e != t->head; e = next) {
		next = e->next;
		free(e);
	}
	for (e = t->spare; e != NULL; e = next) {
		next = e->hnext;
		free(e);
	}
	free(t->b);
	free(t->head);
	free(t);
}
