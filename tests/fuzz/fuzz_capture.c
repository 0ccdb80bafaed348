/*
 * libFuzzer target for saved captures: the input is a whole pcap or
 * pcapng file, read as `ptrace-slow -r` reads it (capture_offline(),
 * capture_read_all(), decoded, ARP counted, correlated), then analysed and
 * reported.  capture_offline() needs a real descriptor, so the bytes
 * go into a memfd.
 */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "probes/wire/capture.h"
#include "analyze/packet/decode.h"
#include "analyze/common/digest.h"
#include "fuzz_analysis.h"
#include "probes/ptrace_slow/trace.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * libpcap hands frames over in its own buffer, which is larger than the
 * frame: a copy of exactly caplen bytes lets AddressSanitizer see a
 * read past the capture (and the copy checks that libpcap's caplen is
 * within its buffer).  The frame then goes where ptrace-slow sends it.
 */
/*
 * replay_frame()'s work, on an exactly sized copy of the frame so that
 * ASan sees any read past what was captured: decoded once, then every
 * command's readers.
 */
static void
feed_copy(void *ctx, const struct capture_frame *f)
{
	struct fuzz_run *run = ctx;
	struct dec_pkt p;
	uint8_t *copy;

	FUZZ_CHECK(f->frame == corr_counters(run->path_c)->frames + 1);
	copy = malloc(f->caplen);
	FUZZ_CHECK(copy != NULL || f->caplen == 0);
	if (f->caplen > 0)
		memcpy(copy, f->data, f->caplen);
	(void)dec_packet(copy, f->caplen, f->len, f->linktype, &p);
	fuzz_packet_in(run, f->frame, f->ts, &p);
	free(copy);
}

static FILE *
memfile(const uint8_t *in, size_t size)
{
	size_t done = 0;
	ssize_t w;
	FILE *fp;
	int fd;

	fd = memfd_create("fuzz_capture", MFD_CLOEXEC);
	/* Running out of descriptors means capture_close() leaks them. */
	FUZZ_CHECK(fd >= 0);
	while (done < size) {
		w = write(fd, in + done, size - done);
		FUZZ_CHECK(w > 0);
		done += (size_t)w;
	}
	FUZZ_CHECK(lseek(fd, 0, SEEK_SET) == 0);
	fp = fdopen(fd, "rb");
	FUZZ_CHECK(fp != NULL);
	return fp;
}

int
LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	struct capture cap;
	struct fuzz_run run;
	struct fl_sha256 *sha;
	char err[512], want[65];

	capture_init(&cap);
	if (capture_offline(&cap, memfile(in, size), err, sizeof(err)) != 0) {
		FUZZ_CHECK(err[0] != '\0');
		capture_close(&cap);
		return 0;
	}
	fuzz_run_init(&run, false, NULL, INT64_C(5000000000));
	if (capture_read_all(&cap, feed_copy, &run, err, sizeof(err)) != 0) {
		fuzz_run_free(&run);
		capture_close(&cap);
		return 0;
	}
	FUZZ_CHECK(cap.frames == corr_counters(run.path_c)->frames);
	/* The digest is of the whole file, however much libpcap read. */
	sha = fl_sha256_new();
	FUZZ_CHECK(sha != NULL);
	fl_sha256_update(sha, in, size);
	fl_sha256_final(sha, want);
	FUZZ_CHECK(strcmp(cap.sha256, want) == 0);
	FUZZ_CHECK(!cap.file_cut || cap.file_err[0] != '\0');

	run.frames = cap.frames;
	run.capture_file = "fuzz.pcap";
	run.sha256 = cap.sha256;
	run.file_cut = cap.file_cut;
	run.file_err = cap.file_err;
	fuzz_analyse(&run);
	capture_close(&cap);
	return 0;
}
