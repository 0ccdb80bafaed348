/*
 * probe-report's model (report.h): a probe's JSON result read into a
 * conclusion in plain words, who must act and how sure we are.  One
 * table of rules, a row per kind of verdict (and, where the sentence
 * depends on it, per cause), holds the sentences and who acts; the
 * place, and who runs it, comes from place.c; ptrace-slow's latency
 * budget and findings from path.c.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/report/path.h"
#include "analyze/report/place.h"
#include "analyze/report/report.h"

const char *
rp_actor_name(enum rp_actor a)
{
	switch (a) {
	case RA_NOBODY:	return "No one: nothing is wrong";
	case RA_OURS:	return "Our network team";
	case RA_ISP:	return "Our ISP or upstream provider";
	case RA_SERVER:	return "The server's owner";
	case RA_USER:	return "The user's own machine (desktop support)";
	case RA_UNKNOWN:
	default:	return "Not known yet: the evidence does not say";
	}
}

/* ---- the conclusion ---- */

/* How the actor is found for a kind. */
enum who { W_NOBODY, W_PLACE, W_SERVER, W_USER, W_OURS, W_UNKNOWN, W_DNS, W_TLS };

struct rule {
	enum rp_tool	 tool;		/* RT_SYN rows serve postprobe too */
	const char	*kind;
	const char	*cause;		/* NULL: any; else only the verdict's cause (path.h) */
	enum who	 who;
	/* %T target, %H server address, %p port, %P place, %F link's near end, %A added ms,
	 * %L loss %, %S HTTP status, %W server wait, %R round trip, %D name error,
	 * %C confidence reason, %N the name asked for, %a the place's address;
	 * ptrace-slow's: %G where a healthy path's time goes (a sentence, or nothing),
	 * %Q the worst tenth's queueing (", 103 ms in the worst tenth", or nothing),
	 * %K the link's capacity, %Y the baseline, %Z the link's step then (", against 2.1 ms
	 * then", or nothing), %B the RTT budget, %E the destination's round trip, %O the links
	 * that add the most */
	const char	*headline;
	const char	*advice;
};

/*
 * The first row whose kind and cause match is used: a kind's rows with a
 * cause come before its row for any cause.
 */
static const struct rule rules[] = {
	{ RT_PTRACE, "clean", NULL, W_NOBODY,
	  "The path to %T is healthy: every link on it passes the packets without queueing them or losing any, and no link takes longer than its distance explains, so there is nothing to fix.%G",
	  "Nothing to fix on the network path. If users still find it slow, look at the server or the application." },
	{ RT_PTRACE, "congested", "standing-queue", W_PLACE,
	  "The connection to %T is slowed by a congested link: its queue stays full, which adds %A to every round trip and drops %L of the packets, and everything after it carries the same delay. The congested link leads to %P, from %F.",
	  "Ask them to check that link's load against its capacity: it is full all the time. The latency and loss pictures and the capture show where it starts." },
	{ RT_PTRACE, "congested", "filling-queue", W_PLACE,
	  "The connection to %T is slowed by a congested link: its queue filled up while we measured, so its delay rose by %A, and everything after it carries the same delay. The congested link leads to %P, from %F.",
	  "Ask them to check that link's load at the time of this report: its traffic is more than it carries. The latency picture and the capture show the delay growing." },
	{ RT_PTRACE, "congested", NULL, W_PLACE,
	  "The connection to %T is slowed by a congested link: packets wait in a queue there, %A in the median round trip%Q, and everything after it carries the same delay. The congested link leads to %P, from %F.",
	  "Ask them to check that link's load at the time of this report (its traffic against its capacity): the latency picture and the capture show the queueing." },
	{ RT_PTRACE, "lossy-link", NULL, W_PLACE,
	  "Packets to %T are being lost (%L of them), and the loss starts on one link and carries through to the destination. The lossy link leads to %P, from %F.",
	  "Ask them to check that link for errors or congestion: the loss picture and the capture show where it starts." },
	{ RT_PTRACE, "slow-link", "serialisation", W_PLACE,
	  "The connection to %T is slowed by a low-capacity link: it carries only %K, so every packet takes longer to cross it the larger it is (%A for a probe), and everything after it carries the delay. The slow link leads to %P, from %F.",
	  "Ask them what speed that link should run at: %K was measured from how its delay grows with the packet's size. Slower than it should be, it is misconfigured or degraded; if that is its speed, it needs an upgrade." },
	{ RT_PTRACE, "slow-link", "baseline", W_PLACE,
	  "The connection to %T is slower than it was: one link now adds %A to every round trip%Z, a change since %Y, and everything after it carries the delay. The link leads to %P, from %F.",
	  "Ask them what changed on that link since %Y: a new route, a failed link, a change of provider. The two measurements are compared link by link." },
	{ RT_PTRACE, "slow-link", "beyond-distance", W_PLACE,
	  "The connection to %T is slowed by one link that adds %A, far more than the distance between the places its two ends are in allows (by the locations file given): a detour or a fault. The link leads to %P, from %F.",
	  "Ask them why traffic between those two places takes so long: the engineer's summary below states the step and what fibre between them allows." },
	{ RT_PTRACE, "slow-link", "satellite-or-detour", W_PLACE,
	  "The connection to %T crosses one link that adds %A, more than any land route between two neighbouring routers takes: a satellite link or a long detour. The link leads to %P, from %F.",
	  "Ask them whether that link is a satellite hop or a detour, and whether a shorter route exists." },
	{ RT_PTRACE, "slow-link", NULL, W_PLACE,
	  "The connection to %T is slowed by one link: it adds %A to every round trip, more than it should, and everything after it carries the delay. The slow link leads to %P, from %F.",
	  "Ask them to check that link (its speed, its routing): the engineer's summary below says what makes the step abnormal." },
	{ RT_PTRACE, "over-budget", NULL, W_PLACE,
	  "The round trip to %T takes %E, over the budget of %B set for it. The links that add the most: %O.",
	  "Ask the operators of those links whether a shorter or faster route exists. Where the time is distance, only a server closer to the users, or a larger budget, helps." },
	{ RT_PTRACE, "unreachable", NULL, W_PLACE,
	  "%T cannot be reached: a router on the way answers that it has no way onward. It is %P.",
	  "Ask them to check that router's routing." },
	{ RT_PTRACE, "incomplete", NULL, W_UNKNOWN,
	  "The trace to %T stops part of the way, so the cause cannot be placed yet. The last device that answers is %P.",
	  "Run the other probes (synprobe, postprobe) against the service itself before calling anyone." },
	{ RT_PTRACE, "inconclusive", "unplaced-loss", W_UNKNOWN,
	  "Packets to %T are being lost (%L of them), but the measurements do not yet show on which link the loss starts, so no one can be asked to fix it yet.",
	  "Repeat the measurement with more rounds while the problem is happening: the loss needs more samples to be placed." },
	{ RT_PTRACE, "inconclusive", NULL, W_UNKNOWN,
	  "The measurements of the path to %T do not show a problem clearly enough to blame any link.",
	  "Repeat the measurement while the problem is happening, with more rounds." },
	/*
	 * An older ptrace-slow's "bottleneck": with queueing it was congestion;
	 * any other step was its claim that a fixed step is a fault, which the
	 * current version makes only on evidence.
	 */
	{ RT_PTRACE, "bottleneck", "queueing", W_PLACE,
	  "The connection to %T is slowed by a congested link: packets wait in a queue there, adding %A to the round trip, and everything after it carries the same delay. The congested link leads to %P, from %F.",
	  "Ask them to check that link's load at the time of this report (its traffic against its capacity): the latency picture and the capture show the queueing." },
	{ RT_PTRACE, "bottleneck", NULL, W_UNKNOWN,
	  "An older version of ptrace-slow reported a latency step on the path to %T: the link to %P, from %F, adds %A to every round trip. That version called every such step a fault; a fixed step is most often distance (a long link), and is a fault only when the packets, a baseline or a budget show more.",
	  "Measure again with the current ptrace-slow before calling anyone: it tells distance from a fault." },

	{ RT_SYN, "open", NULL, W_NOBODY,
	  "%T is reachable: the service accepts connections.",
	  "Nothing to fix on the network. If the application still fails, look at the application itself." },
	{ RT_SYN, "refused", NULL, W_SERVER,
	  "The server %H is up, but nothing accepts connections on port %p: the service is stopped, or listens elsewhere.",
	  "The server's owner must start the service, or tell us the right port." },
	{ RT_SYN, "filtered-near-host", NULL, W_SERVER,
	  "Connections to port %p on %H are silently dropped at the server or by the device directly in front of it; other traffic reaches it.",
	  "The server's owner must check the server's firewall (and the firewall in front of it) for port %p." },
	{ RT_SYN, "filtered-by-host", NULL, W_SERVER,
	  "The connection attempts reach the server %H, and it never answers them: its own firewall drops port %p.",
	  "The server's owner must open port %p in the server's firewall; both captures prove the attempts arrive." },
	{ RT_SYN, "prohibited-by-host", NULL, W_SERVER,
	  "The server %H rejects connections to port %p as \"administratively prohibited\": its firewall blocks them on purpose.",
	  "The server's owner must allow port %p in the server's firewall." },
	{ RT_SYN, "host-down", NULL, W_SERVER,
	  "The server %H does not answer at all: the last router before it cannot find it on its network. It is down or disconnected.",
	  "The server's owner must check that the server is powered on and connected." },
	{ RT_SYN, "service-silent", NULL, W_SERVER,
	  "The server %H accepts the connection on port %p, but the service never says a word: it is hung or overloaded.",
	  "The server's owner must restart or check the service." },
	{ RT_SYN, "login-refused", NULL, W_SERVER,
	  "The server %H answers, but refuses the login.",
	  "Check the account with the server's owner." },
	{ RT_SYN, "reset-by-server", NULL, W_SERVER,
	  "The server %H cut the connection itself, with a reset.",
	  "The server's owner must check why the service drops the connection." },
	{ RT_SYN, "filtered-on-path", NULL, W_PLACE,
	  "Connections to %T are blocked on the way by a firewall, while other traffic gets through. The block is between %P and the next hop, %F.",
	  "Ask them to check the firewall rules on those two devices for port %p." },
	{ RT_SYN, "prohibited-on-path", NULL, W_PLACE,
	  "A router on the way rejects connections to %T as \"administratively prohibited\": a firewall rule there blocks them. It is %P.",
	  "Ask them to change the rule that blocks port %p there." },
	{ RT_SYN, "unreachable-on-path", NULL, W_PLACE,
	  "A router on the way says it has no route to %H. It is %P.",
	  "Ask them to check that router's routing." },
	{ RT_SYN, "reset-on-path", NULL, W_PLACE,
	  "A device on the way cuts the connection to %T with a reset before it reaches the server. The reset comes from %P.",
	  "Ask them which firewall or filter there resets these connections." },
	{ RT_SYN, "loop", NULL, W_PLACE,
	  "Packets to %T go round in a routing loop and never arrive. The loop is at %P.",
	  "Ask them to fix the routing loop there." },
	{ RT_SYN, "name-not-resolved", NULL, W_DNS,
	  "The name %N cannot be turned into an address: %D.",
	  "" },
	{ RT_SYN, "no-local-route", NULL, W_USER,
	  "This machine has no route to %H: its own network settings are wrong.",
	  "Check this machine's network settings (address, mask, gateway)." },
	{ RT_SYN, "blocked-locally", NULL, W_USER,
	  "This machine's own firewall stops the connection to %T.",
	  "Check the firewall on this machine." },
	{ RT_SYN, "gateway-unreachable", NULL, W_OURS,
	  "This machine cannot reach its gateway, %a: the local network is down.",
	  "Check the gateway and the local network (cable, switch, Wi-Fi)." },

	{ RT_HTTP, "ok", NULL, W_NOBODY,
	  "The request to %T was answered by the web server itself, %S, in time.",
	  "Nothing to fix on the network or the server." },
	{ RT_HTTP, "http-client-error", NULL, W_SERVER,
	  "The web server %H itself refused the request: it answered %S. The request reached it intact, so the network is not the cause.",
	  "The web server's owner must say why it refuses this request; the transcript below shows the request and the refusal." },
	{ RT_HTTP, "http-server-error", NULL, W_SERVER,
	  "The web server %H failed while handling the request: it answered %S. The request reached it intact: the fault is in the server's application.",
	  "The web server's owner must check the application's logs at the time of this report." },
	{ RT_HTTP, "slow-server", NULL, W_SERVER,
	  "The web server %H is slow: it took %W to start answering, while the network carries a round trip in %R.",
	  "The web server's owner must look at why the application takes so long; the network is not the bottleneck." },
	{ RT_HTTP, "tls-failure", NULL, W_TLS,
	  "The secure (HTTPS) connection to %T could not be set up: %C.",
	  "" },
	{ RT_HTTP, "answered-by-middlebox", NULL, W_PLACE,
	  "The answer (%S) did not come from the web server: a device on the way intercepts the connection and answers in the server's place. It is %P.",
	  "Ask them why their proxy or filter answers for %H, and to let the request through." },
	{ RT_HTTP, "reset-on-path", NULL, W_PLACE,
	  "A device on the way cuts the connection to %T with a reset before the request reaches the server. The reset comes from %P.",
	  "Ask them which firewall or filter there resets these requests." },
	{ RT_HTTP, "pmtu-blackhole", NULL, W_PLACE,
	  "Large requests to %T never arrive: full-size packets are silently dropped on the way while small ones pass, so small pages work and large form posts hang. The last device large packets reach is %P.",
	  "Ask them to let ICMP \"fragmentation needed\" messages through there, or to fix the link's MTU." },
	{ RT_HTTP, "reset-by-server", NULL, W_SERVER,
	  "The web server %H cut the connection with a reset instead of answering.",
	  "The web server's owner must check why it drops the request." },
};

static const struct rule *
rule_for(enum rp_tool tool, const char *kind, const char *cause)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcmp(rules[i].kind, kind) == 0 &&
		    (rules[i].cause == NULL || strcmp(rules[i].cause, cause) == 0) &&
		    (rules[i].tool == tool || (tool == RT_HTTP && rules[i].tool == RT_SYN)))
			return &rules[i];
	return NULL;
}

/* The target's address (%H) or the name asked for (%N), else the target as named. */
static void
var_target_field(const struct rp_item *it, const char *key, char *buf, size_t len)
{
	const char *s = rp_str(rp_obj(it->root, "target"), key);

	snprintf(buf, len, "%s", *s ? s : it->target);
}

/* %S: the HTTP answer, "\"404 Not Found\"". */
static void
var_status(const struct rp_item *it, char *buf, size_t len)
{
	const json_t *http = rp_obj(it->root, "http");

	if (rp_int(http, "status", 100, 999, 0) != 0)
		snprintf(buf, len, "\"%lld %s\"", rp_int(http, "status", 100, 999, 0),
		    rp_str(http, "reason"));
	else
		snprintf(buf, len, "with no HTTP status");
}

/* %D: what went wrong with the name lookup. */
static void
var_dns(const struct rp_item *it, char *buf, size_t len)
{
	const json_t *dns = rp_obj(rp_obj(it->root, "probes"), "dns");
	const char *s = rp_str(dns, "status");

	if (strcmp(s, "nxdomain") == 0)
		snprintf(buf, len, "the name does not exist");
	else if (*s != '\0')
		snprintf(buf, len, "the name server %s answers %s",
		    *rp_str(dns, "resolver") ? rp_str(dns, "resolver") : "in use", s);
	else
		snprintf(buf, len, "the lookup failed");
}

/* What %c stands for in a rule's template (struct rule lists them), into buf. */
static void
expand_var(char c, const struct rp_item *it, char *buf, size_t len)
{
	const json_t *v = rp_obj(it->root, "verdict"), *tm = rp_obj(it->root, "timing_ms");
	const struct rp_place *at = &it->place, *from = &it->place_from;

	switch (c) {
	case 'T': snprintf(buf, len, "%s", it->target); break;
	case 'H': var_target_field(it, "address", buf, len); break;
	case 'N': var_target_field(it, "host", buf, len); break;
	case 'p':
		snprintf(buf, len, "%lld", rp_int(rp_obj(it->root, "target"), "port", 0, 65535, 0));
		break;
	case 'P': snprintf(buf, len, "%s", at->set ? at->text : "an unknown place"); break;
	case 'F': snprintf(buf, len, "%s", from->set ? from->text : "the hop before"); break;
	case 'a': snprintf(buf, len, "%s", at->set ? at->address : "unknown"); break;
	case 'A': rp_fmt_ms(rp_num(v, "added_ms", 0), buf, len); break;
	case 'L': (void)rp_path_var('L', it->root, buf, len); break;
	case 'S': var_status(it, buf, len); break;
	case 'W': rp_fmt_ms(rp_num(tm, "server_wait", 0), buf, len); break;
	case 'R': rp_fmt_ms(rp_num(tm, "rtt", 0), buf, len); break;
	case 'D': var_dns(it, buf, len); break;
	case 'C': snprintf(buf, len, "%s", it->confidence_reason); break;
	default:
		if (!rp_path_var(c, it->root, buf, len))
			snprintf(buf, len, "%%%c", c);
		break;
	}
}

/* Expand a rule's template into out, cut to fit. */
static void
expand(const char *tpl, const struct rp_item *it, char *out, size_t len)
{
	char tmp[800];
	size_t o = 0;

	if (len == 0)
		return;
	for (; *tpl != '\0' && o + 1 < len; tpl++) {
		if (*tpl != '%' || tpl[1] == '\0') {
			out[o++] = *tpl;
			continue;
		}
		expand_var(*++tpl, it, tmp, sizeof(tmp));
		o += (size_t)snprintf(out + o, len - o, "%s", tmp);
		if (o >= len)
			o = len - 1;
	}
	out[o] = '\0';
}

/* The target, as the user named it. */
static void
target_text(struct rp_item *it)
{
	const json_t *t = rp_obj(it->root, "target");
	const char *host = rp_str(t, "host"), *addr = rp_str(t, "address"), *url = rp_str(t, "url");
	long long port = rp_int(t, "port", 1, 65535, 0);
	const json_t *files = rp_arr(it->root, "files");
	const char *focus = rp_str(rp_obj(it->root, "options"), "host");

	if (it->tool == RT_TRIAGE) {
		/* A capture has no target: the file (the first of a ring), and the host asked about. */
		const char *f = rp_str(rp_obj(it->root, "capture"), "file");
		size_t nf = json_array_size(files);

		if (*f == '\0')
			f = "a live capture";
		if (*focus)
			snprintf(it->target, sizeof(it->target), "the traffic of %.64s in %.180s%s", focus,
			    f, nf > 1 ? " and the files after it" : "");
		else
			snprintf(it->target, sizeof(it->target), "the capture %.240s%s", f,
			    nf > 1 ? " and the files after it" : "");
		return;
	}
	if (*url != '\0')
		snprintf(it->target, sizeof(it->target), "%s", url);
	else if (*host != '\0' && port != 0 && it->tool == RT_SYN)
		snprintf(it->target, sizeof(it->target), "%s port %lld", host, port);
	else if (*host != '\0')
		snprintf(it->target, sizeof(it->target), "%s", host);
	else if (*addr != '\0')
		snprintf(it->target, sizeof(it->target), "%s", addr);
	else
		snprintf(it->target, sizeof(it->target), "the target");
}

/*
 * An older ptrace-slow gave no confidence of its own: its significance
 * tests stand in, except for its "bottleneck", which the current rules
 * read otherwise (rp_old_bottleneck).
 */
static void
old_ptrace_confidence(struct rp_item *it, const json_t *v)
{
	const char *kind = it->kind, *reason = rp_str(v, "reason");
	const json_t *sig = json_object_get(v, "significant");
	long long rounds = rp_int(rp_obj(it->root, "options"), "rounds", 0, 1000000, 0);

	if (strcmp(kind, "inconclusive") == 0 || strcmp(kind, "incomplete") == 0) {
		snprintf(it->confidence, sizeof(it->confidence), "ambiguous");
		snprintf(it->confidence_reason, sizeof(it->confidence_reason), "%s",
		    *reason ? reason : "the trace does not place the problem");
	} else if (rp_old_congestion(kind, it->cause)) {
		snprintf(it->confidence, sizeof(it->confidence), "likely");
		snprintf(it->confidence_reason, sizeof(it->confidence_reason),
		    "an older ptrace-slow's reading; a round trip cannot tell the link from the way back over it");
	} else if (rp_old_bottleneck(kind)) {
		snprintf(it->confidence, sizeof(it->confidence), "ambiguous");
		snprintf(it->confidence_reason, sizeof(it->confidence_reason),
		    "the step is measured, but a fixed step alone does not show a fault: it is most often distance");
	} else if (json_is_true(sig)) {
		snprintf(it->confidence, sizeof(it->confidence), "certain");
		if (strcmp(kind, "lossy-link") == 0)
			snprintf(it->confidence_reason, sizeof(it->confidence_reason),
			    "the loss is statistically significant (p = %.2g) and starts at the same hop on every round",
			    rp_num(v, "p_value", 0));
		else if (strcmp(kind, "unreachable") == 0)
			snprintf(it->confidence_reason, sizeof(it->confidence_reason),
			    "the router's own ICMP message says so");
		else
			snprintf(it->confidence_reason, sizeof(it->confidence_reason),
			    "every probe was answered consistently, over %lld or more rounds", rounds);
	} else {
		snprintf(it->confidence, sizeof(it->confidence), "likely");
		snprintf(it->confidence_reason, sizeof(it->confidence_reason), "%s",
		    *reason ? reason : "not yet statistically significant");
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The evidence's frames in this capture (not the server's), and a filter for them. */
static void
evidence_frames(struct rp_item *it)
{
	const json_t *ev = rp_arr(it->root, "evidence"), *e;
	size_t i, o, j, n = 0;

	json_array_foreach(ev, i, e) {
		long long f = rp_int(e, "frame", 1, UINT32_MAX, 0);

		if (f == 0 || *rp_str(e, "capture") != '\0')
			continue;
		if (n < sizeof(it->frames) / sizeof(it->frames[0]))
			it->frames[n++] = (uint32_t)f;
	}
	qsort(it->frames, n, sizeof(it->frames[0]), cmp_u32);
	for (i = j = 0; i < n; i++)
		if (j == 0 || it->frames[j - 1] != it->frames[i])
			it->frames[j++] = it->frames[i];
	it->nframes = j;
	it->filter[0] = '\0';
	if (j == 0)
		return;
	o = (size_t)snprintf(it->filter, sizeof(it->filter), "frame.number in {");
	for (i = 0; i < j && o + 16 < sizeof(it->filter); i++)
		o += (size_t)snprintf(it->filter + o, sizeof(it->filter) - o, "%s%u", i ? " " : "",
		    it->frames[i]);
	snprintf(it->filter + o, sizeof(it->filter) - o, "}");
}

/* How the actor is found: the rule's way, or the fault's side for a kind not in the rules. */
static enum who
who_of(const struct rule *r, const struct rp_item *it)
{
	if (r != NULL)
		return r->who;
	if (strcmp(it->fault, "none") == 0)
		return W_NOBODY;
	if (strcmp(it->fault, "client") == 0)
		return W_USER;
	if (strcmp(it->fault, "path") == 0)
		return W_PLACE;
	if (strcmp(it->fault, "server") == 0)
		return W_SERVER;
	return W_UNKNOWN;
}

static enum rp_actor
actor_of(enum who w, const struct rp_item *it)
{
	const json_t *dns = rp_obj(rp_obj(it->root, "probes"), "dns");

	switch (w) {
	case W_NOBODY:	return RA_NOBODY;
	case W_SERVER:	return RA_SERVER;
	case W_USER:	return RA_USER;
	case W_OURS:	return RA_OURS;
	case W_PLACE:	return it->place.set ? it->place.actor : RA_UNKNOWN;
	case W_DNS:	return strcmp(rp_str(dns, "status"), "nxdomain") == 0 ? RA_USER : RA_OURS;
	case W_TLS:	return strcmp(it->fault, "client") == 0 ? RA_USER : RA_SERVER;
	case W_UNKNOWN:
	default:	return RA_UNKNOWN;
	}
}

/* What to do: the rule's advice, or, where it depends on who acts (DNS, TLS), chosen here. */
static void
advice_of(const struct rule *r, enum who w, const struct rp_item *it, char *advice, size_t len)
{
	advice[0] = '\0';
	if (r != NULL && r->advice[0] != '\0')
		expand(r->advice, it, advice, len);
	else if (w == W_DNS)
		snprintf(advice, len, "%s",
		    it->actor == RA_USER ? "Check the spelling of the name; if it is right, the domain's owner must publish it." :
		    "Our network team must check the name server this machine uses.");
	else if (w == W_TLS)
		snprintf(advice, len, "%s",
		    it->actor == RA_USER ? "Check this machine's certificate store and clock." :
		    "The server's owner must install a certificate that browsers trust for this name.");
}

/* Who acts for a place, with the evidence for who runs it, or the doubt when there is none. */
static void
place_actor_text(struct rp_item *it, const char *advice)
{
	const struct rp_place *p = &it->place;

	if (p->owner[0] != '\0')
		snprintf(it->actor_text, sizeof(it->actor_text), "%s: %s runs %s (%s). %s",
		    rp_actor_name(it->actor), p->owner, p->address, p->claim, advice);
	else if (strcmp(p->address, "an unknown address") == 0)
		snprintf(it->actor_text, sizeof(it->actor_text),
		    "%s, unless the device %d hops out is ours: it did not show its "
		    "address, and nothing in the evidence says who runs it. %s",
		    rp_actor_name(it->actor), p->hop, advice);
	else
		snprintf(it->actor_text, sizeof(it->actor_text),
		    "%s, unless %s is ours: nothing in the evidence says who runs it. %s",
		    rp_actor_name(it->actor), p->address, advice);
}

static void
who_acts(const struct rule *r, struct rp_item *it)
{
	enum who w = who_of(r, it);
	char advice[1000];

	if (it->tool == RT_TRIAGE) {
		rp_triage_who(it);
		return;
	}

	it->actor = actor_of(w, it);
	advice_of(r, w, it, advice, sizeof(advice));
	if (w == W_PLACE && it->place.set)
		place_actor_text(it, advice);
	else
		snprintf(it->actor_text, sizeof(it->actor_text), "%s. %s", rp_actor_name(it->actor),
		    advice);
}

const char *
rp_status_word(const struct rp_item *it)
{
	if (it->tool == RT_PTRACE && strcmp(it->kind, "over-budget") == 0)
		return "Over the latency budget";
	if (it->tool == RT_PTRACE && rp_old_bottleneck(it->kind) &&
	    !rp_old_congestion(it->kind, it->cause))
		return "Older result: not judged";
	if (it->tool == RT_TRIAGE && strcmp(it->kind, "suspect-host") == 0)
		return "No network fault; this host needs a look";
	if (it->tool == RT_TRIAGE && strcmp(it->kind, "cannot-judge") == 0)
		return "Cannot be judged";
	if (strcmp(it->fault, "none") == 0)
		return "No fault found";
	if (strcmp(it->fault, "unknown") == 0)
		return "Not placed yet";
	if (strcmp(it->fault, "client") == 0)
		return "Fault on this machine";
	if (strcmp(it->fault, "path") == 0)
		return "Fault on the network path";
	return "Fault at the server";
}

bool
rp_blames_link(const struct rp_item *it)
{
	return it->tool == RT_PTRACE && (strcmp(it->kind, "congested") == 0 ||
	    strcmp(it->kind, "lossy-link") == 0 || strcmp(it->kind, "slow-link") == 0 ||
	    rp_old_congestion(it->kind, it->cause));
}

bool
rp_blames_delay(const struct rp_item *it)
{
	return rp_blames_link(it) && strcmp(it->kind, "lossy-link") != 0;
}

/* Which tool wrote the result; -1 when none of ours did. */
static int
tool_of(const char *tool, struct rp_item *it, char *err, size_t errlen)
{
	char shown[41];
	size_t i;

	if (strcmp(tool, "ptrace-slow") == 0)
		it->tool = RT_PTRACE;
	else if (strcmp(tool, "synprobe") == 0)
		it->tool = RT_SYN;
	else if (strcmp(tool, "postprobe") == 0)
		it->tool = RT_HTTP;
	else if (strcmp(tool, "pcap-triage") == 0)
		it->tool = RT_TRIAGE;
	else {
		/* The message goes to a terminal: nothing of the file's but printable ASCII. */
		for (i = 0; i < sizeof(shown) - 1 && tool[i] != '\0'; i++)
			shown[i] = tool[i] >= 0x20 && tool[i] < 0x7f ? tool[i] : '?';
		shown[i] = '\0';
		snprintf(err, errlen, "not a faultline result (tool is '%s')", shown);
		return -1;
	}
	it->tool_name = tool;
	return 0;
}

/*
 * The fault's side, one of none, client, path, server, unknown: ptrace-slow
 * does not say it, its kind does (an older result's fixed step is no fault
 * the current rules would name: unknown); a side this reader does not know
 * is unknown.
 */
static const char *
fault_of(const struct rp_item *it, const char *kind, const char *fault)
{
	if (it->tool == RT_PTRACE)
		fault = strcmp(kind, "clean") == 0 ? "none" :
		    rp_blames_link(it) || strcmp(kind, "over-budget") == 0 ||
		    strcmp(kind, "unreachable") == 0 ? "path" : "unknown";
	if (strcmp(fault, "none") != 0 && strcmp(fault, "client") != 0 && strcmp(fault, "path") != 0 &&
	    strcmp(fault, "server") != 0)
		fault = "unknown";
	return fault;
}

/*
 * How sure: the tool's own word (certain, likely, else ambiguous) and its
 * reason; an older ptrace-slow's, which has none, from its tests.
 */
static void
confidence(struct rp_item *it, const json_t *v)
{
	const char *c = rp_str(v, "confidence");

	if (it->tool == RT_PTRACE && *c == '\0') {
		old_ptrace_confidence(it, v);
		return;
	}
	snprintf(it->confidence, sizeof(it->confidence), "%s",
	    strcmp(c, "certain") == 0 || strcmp(c, "likely") == 0 ? c : "ambiguous");
	snprintf(it->confidence_reason, sizeof(it->confidence_reason), "%s",
	    *rp_str(v, "confidence_reason") ? rp_str(v, "confidence_reason") : rp_str(v, "reason"));
}

/* The conclusion in plain words: the rule's, else the tool's own summary, else the bare facts. */
static void
headline(struct rp_item *it, const struct rule *r, const char *kind, const char *fault)
{
	if (it->tool == RT_HTTP && strcmp(kind, "ok") == 0 && it->place.set &&
	    it->place.actor != RA_SERVER)
		/* A device in front of the server relays: no fault, but say who answered. */
		expand("The request to %T was answered %S, in time, but not by the web server itself: "
		    "a device on the way takes the connection and answers in its place. It is %P.",
		    it, it->headline, sizeof(it->headline));
	else if (r != NULL && !(strcmp(kind, "incomplete") == 0 && !it->place.set))
		expand(r->headline, it, it->headline, sizeof(it->headline));
	else if (it->summary[0] != '\0')
		snprintf(it->headline, sizeof(it->headline), "%.1500s", it->summary);
	else
		snprintf(it->headline, sizeof(it->headline), "%s: %s (%s).", it->target, kind, fault);
}

/*
 * The verdict's place.  Over budget, ptrace-slow names the destination,
 * whose owner has not slowed it down: the place is the link that adds
 * the most, whose operator is the one to ask about a shorter route.
 */
static void
place_read(const json_t *root, const struct rp_owners *owners, const json_t *v,
    struct rp_item *it)
{
	struct rp_budget b;
	const struct rp_link *l;
	size_t top;
	json_t *pv;

	if (it->tool == RT_TRIAGE) {
		rp_triage_place(root, owners, it);
		return;
	}
	if (it->tool != RT_PTRACE || strcmp(it->kind, "over-budget") != 0) {
		rp_place_read(root, owners, v, it);
		return;
	}
	rp_budget_read(root, false, &b);
	if (rp_budget_top(&b, &top, 1) == 0) {
		rp_place_read(root, owners, v, it);
		return;
	}
	l = &b.v[top];
	pv = json_pack("{s:i,s:s,s:{s:{s:i,s:s},s:{s:i,s:s}}}", "hop", l->to_ttl, "address",
	    l->to_addr, "link", "from", "ttl", l->from_ttl, "address", l->from_addr, "to", "ttl",
	    l->to_ttl, "address", l->to_addr);
	rp_place_read(root, owners, pv != NULL ? pv : v, it);
	json_decref(pv);
}

int
rp_item_read(const json_t *root, const char *file, const struct rp_owners *owners,
    struct rp_item *it, char *err, size_t errlen)
{
	const json_t *v = rp_obj(root, "verdict");
	const char *kind = rp_str(v, "kind"), *fault;
	const struct rule *r;

	memset(it, 0, sizeof(*it));
	it->root = root;
	it->file = file;
	if (tool_of(rp_str(root, "tool"), it, err, errlen) != 0)
		return -1;
	if (v == NULL || *kind == '\0') {
		snprintf(err, errlen, "a %s result without a verdict", it->tool_name);
		return -1;
	}
	snprintf(it->kind, sizeof(it->kind), "%s", kind);
	if (it->tool == RT_PTRACE)
		snprintf(it->cause, sizeof(it->cause), "%s", rp_rule_cause(root, kind));
	fault = fault_of(it, kind, rp_str(v, "fault"));
	snprintf(it->fault, sizeof(it->fault), "%s", fault);
	it->is_fault = strcmp(fault, "none") != 0;
	snprintf(it->summary, sizeof(it->summary), "%s", rp_str(v, "summary"));
	target_text(it);
	place_read(root, owners, v, it);
	confidence(it, v);
	r = rule_for(it->tool, kind, it->cause);
	headline(it, r, kind, fault);
	who_acts(r, it);
	evidence_frames(it);
	return 0;
}

int
report_write(FILE *out, enum rp_format f, const struct rp_item *items, size_t n,
    const struct rp_meta *m)
{
	switch (f) {
	case RF_HTML:
		return report_html(out, items, n, m);
	case RF_MD:
		return report_text(out, items, n, m, true);
	case RF_TXT:
	default:
		return report_text(out, items, n, m, false);
	}
}

enum rp_format
report_format_for(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (dot != NULL && strchr(dot, '/') == NULL) {
		if (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)
			return RF_MD;
		if (strcmp(dot, ".txt") == 0 || strcmp(dot, ".text") == 0)
			return RF_TXT;
	}
	return RF_HTML;
}
