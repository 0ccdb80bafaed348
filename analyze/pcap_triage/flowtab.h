/*
 * A bounded table of flows, keyed by bytes, that forgets a flow once it
 * has been idle long enough in capture time.  Every reader of
 * pcap-triage keeps its state per flow here, so memory grows with the
 * number of flows alive at once, never with the capture's size.
 *
 * Entries sit on a list in the order they were last touched.  An entry
 * idle for longer than its own timeout is expired (the owner's callback
 * reads it one last time, then it is freed); when the table is full the
 * entry idle the longest is expired early, and counted.
 */
#ifndef FL_TRIAGE_FLOWTAB_H
#define FL_TRIAGE_FLOWTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct flowtab;

/* Called for an entry leaving the table (idle, evicted, or at the end). */
typedef void (*flowtab_done_fn)(void *ctx, void *data, bool evicted);

/*
 * keylen bytes of key, datalen bytes of zeroed data per entry, at most
 * max entries.  NULL when out of memory.
 */
struct flowtab *flowtab_new(size_t keylen, size_t datalen, size_t max, flowtab_done_fn done,
	    void *ctx);

/*
 * The entry for key, touched at ts (a newer ts moves it to the end of the
 * list).  create: make it when absent (*created says so), with idle
 * timeout idle_ns.  NULL when absent and not created, or out of memory.
 */
void	*flowtab_get(struct flowtab *, const void *key, int64_t ts, int64_t idle_ns, bool create,
	    bool *created);
/* The key of an entry (keylen bytes). */
const void *flowtab_key(const struct flowtab *, const void *data);
/* Change an entry's idle timeout (a closed connection lingers less). */
void	flowtab_set_idle(struct flowtab *, void *data, int64_t idle_ns);
/* Remove an entry now, through the callback. */
void	flowtab_remove(struct flowtab *, void *data);

/* Expire every entry idle past its timeout at now. */
void	flowtab_expire(struct flowtab *, int64_t now);
/* Expire everything (the end of the capture). */
void	flowtab_drain(struct flowtab *);
/* Visit every live entry without removing it. */
void	flowtab_each(struct flowtab *, void (*fn)(void *ctx, void *data), void *ctx);

size_t	flowtab_count(const struct flowtab *);
size_t	flowtab_peak(const struct flowtab *);
uint64_t flowtab_evicted(const struct flowtab *);
void	flowtab_free(struct flowtab *);

/* A 32-bit hash of n bytes (word-wise, fmix64-finalised). */
uint32_t flowtab_hash(const void *p, size_t n, uint32_t seed);

#endif
