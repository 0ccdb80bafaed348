/*
 * SHA-256 of a capture, computed as it streams in or out, so the JSON
 * envelope can name exactly which file the evidence frames refer to.
 */
#ifndef FL_DIGEST_H
#define FL_DIGEST_H

#include <stddef.h>

struct fl_sha256;

struct fl_sha256 *fl_sha256_new(void);
void	fl_sha256_update(struct fl_sha256 *, const void *, size_t);
/* Writes 64 hex digits and a NUL; frees the context. */
void	fl_sha256_final(struct fl_sha256 *, char hex[65]);
void	fl_sha256_free(struct fl_sha256 *);

#endif
