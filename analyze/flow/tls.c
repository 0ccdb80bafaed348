/*
 * TLS record walking (see tls.h).  Records are a 5-byte header (type,
 * version, length) and a body of at most 2^14 + 2048 bytes; a stream
 * that breaks those rules is not read further.
 */
#include "analyze/packet/cursor.h"
#include "analyze/flow/tls.h"

#define REC_HANDSHAKE	22
#define REC_ALERT	21
#define REC_APP		23
#define REC_CCS		20
#define REC_MAX		(16384 + 2048)	/* RFC 5246 6.2.3 */

/* Walk records; stop at the first of a given type.  *off gets its offset. */
static bool
find_record(const uint8_t *data, size_t len, uint8_t want, size_t *off)
{
	struct cur c = cur_make(data, len);
	size_t o = 0;
	uint8_t type, major;
	uint16_t rlen;

	while (cur_u8(&c, o, &type) && cur_u8(&c, o + 1, &major) && cur_be16(&c, o + 3, &rlen)) {
		if (major != 3 || rlen > REC_MAX ||
		    (type != REC_HANDSHAKE && type != REC_ALERT && type != REC_APP && type != REC_CCS))
			return false;
		if (type == want) {
			*off = o;
			return true;
		}
		o += 5 + (size_t)rlen;
	}
	return false;
}

bool
tls_stream(const uint8_t *data, size_t len)
{
	struct cur c = cur_make(data, len);
	uint8_t type, major;

	return cur_u8(&c, 0, &type) && cur_u8(&c, 1, &major) && type == REC_HANDSHAKE &&
	    major == 3;
}

bool
tls_alert(const uint8_t *data, size_t len, uint8_t *level, uint8_t *desc, size_t *off)
{
	struct cur c = cur_make(data, len);
	uint16_t rlen;

	/*
	 * The side that sent the alert may have sent nothing before it: a
	 * server that refuses the ClientHello answers with the alert alone.
	 */
	if (!find_record(data, len, REC_ALERT, off))
		return false;
	/* A plaintext alert is exactly two bytes; anything longer is encrypted. */
	if (!cur_be16(&c, *off + 3, &rlen) || rlen != 2 || !cur_u8(&c, *off + 5, level) ||
	    !cur_u8(&c, *off + 6, desc))
		return false;
	return *level == 1 || *level == 2;
}

bool
tls_app_data(const uint8_t *data, size_t len)
{
	size_t off;

	return tls_stream(data, len) && find_record(data, len, REC_APP, &off);
}

const char *
tls_alert_name(uint8_t d)
{
	switch (d) {
	case 0: return "close_notify";
	case 10: return "unexpected_message";
	case 20: return "bad_record_mac";
	case 22: return "record_overflow";
	case 40: return "handshake_failure";
	case 42: return "bad_certificate";
	case 43: return "unsupported_certificate";
	case 44: return "certificate_revoked";
	case 45: return "certificate_expired";
	case 46: return "certificate_unknown";
	case 47: return "illegal_parameter";
	case 48: return "unknown_ca";
	case 49: return "access_denied";
	case 50: return "decode_error";
	case 51: return "decrypt_error";
	case 70: return "protocol_version";
	case 71: return "insufficient_security";
	case 80: return "internal_error";
	case 86: return "inappropriate_fallback";
	case 90: return "user_canceled";
	case 109: return "missing_extension";
	case 110: return "unsupported_extension";
	case 112: return "unrecognized_name";
	case 116: return "certificate_required";
	case 120: return "no_application_protocol";
	default: return "alert";
	}
}
