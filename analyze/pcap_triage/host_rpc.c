/*
 * DCE/RPC and SMB as pcap-triage's host reader meets them (host.h): the
 * first PDU of a segment or datagram, read within its bounds, enough to
 * say what an outsider asked this host to run and what it answered.
 * Nothing is reassembled: a bind, a bind_ack, a fault and the head of a
 * request each fit in the first segment that carries them.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/pcap_triage/host.h"

/*
 * C706 (DCE 1.1 RPC) 12.6.1, the connection-oriented common header:
 * rpc_vers 5, rpc_vers_minor 0 or 1, PTYPE, pfc_flags, packed_drep[4]
 * (byte 0 bit 4: little-endian integers), frag_length, auth_length,
 * call_id; 16 bytes.
 */
bool
rpc_co_parse(const struct cur *c, struct rpc_pdu *r)
{
	uint8_t v, minor, drep;
	uint16_t flen, alen;
	bool le;
	uint8_t n;
	uint16_t x;

	memset(r, 0, sizeof(*r));
	if (!cur_u8(c, 0, &v) || !cur_u8(c, 1, &minor) || !cur_u8(c, 2, &r->ptype) ||
	    !cur_u8(c, 4, &drep))
		return false;
	if (v != 5 || minor > 1 || r->ptype > 20)
		return false;
	le = (drep & 0x10) != 0;
	r->le = le;
	if (!(le ? cur_le16(c, 8, &flen) : cur_be16(c, 8, &flen)) ||
	    !(le ? cur_le16(c, 10, &alen) : cur_be16(c, 10, &alen)) ||
	    !(le ? cur_le32(c, 12, &r->call_id) : cur_be32(c, 12, &r->call_id)))
		return false;
	if (flen < 16 || (size_t)alen + 16 > flen)
		return false;
	r->frag_len = flen;
	switch (r->ptype) {
	case 0:	/* request: alloc_hint(4) p_cont_id(2) opnum(2) */
		(void)(le ? cur_le16(c, 22, &r->opnum) : cur_be16(c, 22, &r->opnum));
		break;
	case 3:	/* fault: alloc_hint(4) p_cont_id(2) cancel_count(1) reserved(1) status(4) */
		(void)(le ? cur_le32(c, 24, &r->status) : cur_be32(c, 24, &r->status));
		break;
	case 11: case 14:	/* bind, alter_context: ... n_context_elem at 24, items at 28 */
		if (cur_u8(c, 24, &n) && n > 0 && cur_copy(c, 32, r->uuid, 16))
			r->has_uuid = true;
		break;
	case 12: case 15:	/* bind_ack: max_xmit, max_recv, assoc_group, sec_addr, results */
		if (le ? cur_le16(c, 24, &x) : cur_be16(c, 24, &x)) {
			size_t off = 26 + (size_t)x;

			off = (off + 3) & ~(size_t)3;	/* align 4 */
			if (cur_u8(c, off, &n) && n > 0 &&
			    (le ? cur_le16(c, off + 4, &r->result) : cur_be16(c, off + 4, &r->result)) &&
			    (le ? cur_le16(c, off + 6, &r->reason) : cur_be16(c, off + 6, &r->reason)))
				r->has_result = true;
		}
		break;
	case 13:	/* bind_nak: provider_reject_reason */
		if (le ? cur_le16(c, 16, &r->reason) : cur_be16(c, 16, &r->reason))
			r->has_result = true;
		r->result = 2;
		break;
	default:
		break;
	}
	return true;
}

/*
 * C706 12.5.1, the connectionless header: rpc_vers 4, ptype, flags1,
 * flags2, drep[3], serial_hi, object UUID (8), interface UUID (24),
 * activity UUID (40), server_boot (56), if_vers (60), seqnum (64),
 * opnum (68), ihint, ahint, len (74), fragnum, auth_proto, serial_lo;
 * 80 bytes.
 */
bool
rpc_cl_parse(const struct cur *c, struct rpc_pdu *r)
{
	uint8_t v, drep;
	uint16_t len;
	bool le;

	memset(r, 0, sizeof(*r));
	if (!cur_u8(c, 0, &v) || !cur_u8(c, 1, &r->ptype) || !cur_u8(c, 4, &drep) || v != 4 ||
	    r->ptype > 10 || !cur_has(c, 0, 80))
		return false;
	le = (drep & 0x10) != 0;
	(void)(le ? cur_le16(c, 68, &r->opnum) : cur_be16(c, 68, &r->opnum));
	(void)(le ? cur_le16(c, 74, &len) : cur_be16(c, 74, &len));
	r->frag_len = (uint16_t)(len > 0xffff - 80 ? 0xffff : len + 80);
	(void)cur_copy(c, 24, r->uuid, 16);
	r->has_uuid = true;
	/* a fault (3) or reject (6) carries its status first in the body */
	if (r->ptype == 3 || r->ptype == 6)
		(void)(le ? cur_le32(c, 80, &r->status) : cur_be32(c, 80, &r->status));
	r->le = le;
	return true;
}

/* RFC 1002 4.3.1: a session message (type 0), 17-bit length; then SMB1 0xff 'SMB' or SMB2 0xfe 'SMB'. */
bool
rpc_smb_parse(const struct cur *c, bool *smb2, uint8_t *command)
{
	uint8_t t, m0, m1, m2, m3;
	size_t off = 4;

	if (!cur_u8(c, 0, &t) || t != 0)
		return false;
	if (!cur_u8(c, off, &m0) || !cur_u8(c, off + 1, &m1) || !cur_u8(c, off + 2, &m2) ||
	    !cur_u8(c, off + 3, &m3))
		return false;
	if ((m0 != 0xff && m0 != 0xfe) || m1 != 'S' || m2 != 'M' || m3 != 'B')
		return false;
	*smb2 = m0 == 0xfe;
	if (!cur_u8(c, off + (*smb2 ? 12 : 4), command))
		*command = 0;
	return true;
}

static const struct {
	const char	*uuid, *name;
} ifaces[] = {
	/* the interfaces of Windows' RPC services that worms and spammers call */
	{ "000001a0-0000-0000-c000-000000000046", "ISystemActivator (DCOM activation)" },
	{ "4d9f4ab8-7d1c-11cf-861e-0020af6e7c57", "IRemoteActivation (DCOM activation)" },
	{ "e1af8308-5d1f-11c9-91a4-08002b14a0fa", "the endpoint mapper" },
	{ "5a7b91f8-ff00-11d0-a9b2-00c04fb6e6fc", "the Messenger service (msgsvc)" },
	{ "4b324fc8-1670-01d3-1278-5a47bf6ee188", "the Server service (srvsvc)" },
	{ "3919286a-b10c-11d0-9ba8-00c04fd92ef5", "DsRoleServer (lsarpc)" },
	{ "6bffd098-a112-3610-9833-46c3f87e345a", "the Workstation service (wkssvc)" },
};

const char *
rpc_iface_name(const uint8_t u[16], bool le, char *buf)
{
	size_t i;

	/* The first three fields are integers in the sender's byte order. */
	if (le)
		snprintf(buf, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		    u[3], u[2], u[1], u[0], u[5], u[4], u[7], u[6], u[8], u[9], u[10], u[11], u[12],
		    u[13], u[14], u[15]);
	else
		snprintf(buf, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		    u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12],
		    u[13], u[14], u[15]);
	for (i = 0; i < sizeof(ifaces) / sizeof(ifaces[0]); i++)
		if (strcmp(ifaces[i].uuid, buf) == 0)
			return ifaces[i].name;
	return NULL;
}

const char *
rpc_ptype_name(uint8_t t)
{
	static const char *n[] = { "request", "ping", "response", "fault", "working", "nocall",
		"reject", "ack", "cl_cancel", "fack", "cancel_ack", "bind", "bind_ack", "bind_nak",
		"alter_context", "alter_context_resp", "auth3", "shutdown", "co_cancel", "orphaned",
		"rts" };

	return t < sizeof(n) / sizeof(n[0]) ? n[t] : "unknown";
}

const char *
rpc_status_name(uint32_t s)
{
	switch (s) {
	case 0x1c010003: return "nca_unk_if (unknown interface)";
	case 0x1c010002: return "nca_op_rng_error (no such operation)";
	case 0x00000005: return "access denied";
	case 0x1c00001b: return "nca_s_fault_remote_no_memory";
	case 0x1c010017: return "nca_proto_error";
	default: return NULL;
	}
}
