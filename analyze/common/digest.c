/*
 * SHA-256 through OpenSSL's EVP interface.
 */
#include <openssl/evp.h>
#include <stdio.h>

#include "analyze/common/digest.h"

struct fl_sha256 {
	EVP_MD_CTX	*md;
};

struct fl_sha256 *
fl_sha256_new(void)
{
	struct fl_sha256 *s = OPENSSL_zalloc(sizeof(*s));

	if (s == NULL)
		return NULL;
	s->md = EVP_MD_CTX_new();
	if (s->md == NULL || EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) != 1) {
		fl_sha256_free(s);
		return NULL;
	}
	return s;
}

void
fl_sha256_update(struct fl_sha256 *s, const void *p, size_t n)
{
	if (s != NULL && n > 0)
		(void)EVP_DigestUpdate(s->md, p, n);
}

void
fl_sha256_final(struct fl_sha256 *s, char hex[65])
{
	unsigned char d[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	hex[0] = '\0';
	if (s != NULL && EVP_DigestFinal_ex(s->md, d, &n) == 1)
		for (i = 0; i < n && i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
	fl_sha256_free(s);
}

void
fl_sha256_free(struct fl_sha256 *s)
{
	if (s == NULL)
		return;
	EVP_MD_CTX_free(s->md);
	OPENSSL_free(s);
}
