/*
 * Just enough of TLS's record layer (RFC 8446 section 5, RFC 5246
 * section 6.2) to read a saved capture of an HTTPS exchange: is this
 * stream TLS, and did either side end it with a plaintext alert (and
 * which, RFC 8446 section 6)?  Nothing is decrypted.
 */
#ifndef FL_TLS_H
#define FL_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A stream that starts with a TLS handshake record. */
bool	tls_stream(const uint8_t *data, size_t len);

/*
 * The first plaintext alert record in a stream: its level (2 fatal),
 * description, and offset.  Encrypted alerts cannot be read and are not
 * found.  Returns false when there is none.
 */
bool	tls_alert(const uint8_t *data, size_t len, uint8_t *level, uint8_t *desc, size_t *off);

/* "unknown_ca", "handshake_failure", ... */
const char *tls_alert_name(uint8_t desc);

/* Whether application data (record type 23) was carried. */
bool	tls_app_data(const uint8_t *data, size_t len);

#endif
