/*
 * Parallel reverse lookups with a deadline.  Each lookup runs in its own
 * detached thread that owns a copy of its inputs; results that miss the
 * deadline are dropped, never waited for.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "probes/host/names.h"

struct job {
	struct fl_addr	 addr;
	char		 name[NAMES_LEN];
	int		 done;		/* under mu */
};

/* Freed by whoever lets go last: the caller or a late worker. */
struct shared {
	pthread_mutex_t	mu;
	pthread_cond_t	cv;
	int		pending;	/* lookups not yet done */
	int		refs;
	struct job	*jobs;
};

static void
release(struct shared *s)
{
	int last;

	pthread_mutex_lock(&s->mu);
	last = --s->refs == 0;
	pthread_mutex_unlock(&s->mu);
	if (last) {
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		free(s->jobs);
		free(s);
	}
}

struct arg {
	struct shared	*s;
	int		 i;
};

static void *
worker(void *p)
{
	struct arg *a = p;
	struct shared *s = a->s;
	struct job *j = &s->jobs[a->i];
	struct sockaddr_in sin;
	char name[NAMES_LEN] = "";

	free(a);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(fl_addr_v4_host(&j->addr));
	if (getnameinfo((struct sockaddr *)&sin, sizeof(sin), name, sizeof(name), NULL, 0,
	    NI_NAMEREQD) != 0)
		name[0] = '\0';
	pthread_mutex_lock(&s->mu);
	memcpy(j->name, name, sizeof(name));
	j->done = 1;
	s->pending--;
	pthread_cond_signal(&s->cv);
	pthread_mutex_unlock(&s->mu);
	release(s);
	return NULL;
}

void
names_lookup(const struct fl_addr *addrs, char (*names)[NAMES_LEN], int n, int timeout_ms)
{
	struct shared *s;
	struct timespec dl;
	pthread_attr_t at;
	pthread_t t;
	int i;

	for (i = 0; i < n; i++)
		names[i][0] = '\0';
	if (n <= 0)
		return;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return;
	s->jobs = calloc((size_t)n, sizeof(*s->jobs));
	if (s->jobs == NULL) {
		free(s);
		return;
	}
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	s->refs = 1;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < n; i++) {
		struct arg *a;

		if (addrs[i].family != 4)
			continue;
		s->jobs[i].addr = addrs[i];
		a = malloc(sizeof(*a));
		if (a == NULL)
			continue;
		a->s = s;
		a->i = i;
		pthread_mutex_lock(&s->mu);
		s->pending++;
		s->refs++;
		pthread_mutex_unlock(&s->mu);
		if (pthread_create(&t, &at, worker, a) != 0) {
			free(a);
			pthread_mutex_lock(&s->mu);
			s->pending--;
			s->refs--;
			pthread_mutex_unlock(&s->mu);
		}
	}
	pthread_attr_destroy(&at);
	clock_gettime(CLOCK_REALTIME, &dl);
	dl.tv_sec += timeout_ms / 1000;
	dl.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (dl.tv_nsec >= 1000000000L) {
		dl.tv_sec++;
		dl.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&s->mu);
	while (s->pending > 0)
		if (pthread_cond_timedwait(&s->cv, &s->mu, &dl) != 0)
			break;
	for (i = 0; i < n; i++)
		if (s->jobs[i].done)
			memcpy(names[i], s->jobs[i].name, NAMES_LEN);
	pthread_mutex_unlock(&s->mu);
	release(s);
}
