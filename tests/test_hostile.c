/* test_hostile.c - hostile file systems and interrupted runs (issue 16): inputs that would
 * block (FIFOs, devices), symbolic links leaving the scanned tree, empty folders under the
 * sanitizers, access times; outputs written through links, over inputs, or cut by a signal or
 * a full disk. Every test builds its own tree in a fresh temporary folder. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "helpers.h"
#include "engine/engine.h"
#include "ingest/ingest.h"
#include "util/error.h"

#define AT "--at=2026-06-01T00:00:00Z"

/* A fresh folder under /tmp (static rotating buffer). */
static const char *fresh_dir(void)
{
	static char buf[4][64];
	static int k;
	char *b = buf[k++ % 4];
	snprintf(b, 64, "/tmp/certdiag-hostile-XXXXXX");
	cr_assert_not_null(mkdtemp(b));
	return b;
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void rm_tree(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *join(const char *a, const char *b)
{
	char *r = NULL;
	cr_assert_geq(asprintf(&r, "%s/%s", a, b), 0);
	return r;
}

static void copy_file(const char *from, const char *to)
{
	size_t n;
	char *d = read_all(from, &n);
	FILE *f = fopen(to, "wb");
	cr_assert_not_null(d, "cannot read %s", from);
	cr_assert_not_null(f, "cannot write %s", to);
	cr_assert_eq(fwrite(d, 1, n, f), n);
	fclose(f);
	free(d);
}

/* Run the binary with argv (argv[0] ignored), stdout and stderr into *out / *err (malloc'd,
 * may be NULL), killing it after secs seconds. Returns the exit status, 128 + the signal when
 * it died of one, or -2 when it had to be killed for hanging. */
static int run_limited(char *const argv[], int secs, char **out, char **err)
{
	const char *bin = getenv("CD_BINARY");
	char ofile[] = "/tmp/certdiag-out-XXXXXX", efile[] = "/tmp/certdiag-err-XXXXXX";
	int ofd = mkstemp(ofile), efd = mkstemp(efile), st = 0, hung = 0;
	struct timespec t0, t;
	pid_t pid;
	cr_assert(bin && ofd >= 0 && efd >= 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		size_t n = 0;
		char **av;
		while (argv[n])
			n++;
		av = calloc(n + 1, sizeof(*av));
		av[0] = (char *)bin;
		for (size_t i = 1; i < n; i++)
			av[i] = argv[i];
		dup2(ofd, 1);
		dup2(efd, 2);
		execv(bin, av);
		_exit(127);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= secs) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			hung = 1;
			break;
		}
		usleep(10000);
	}
	close(ofd);
	close(efd);
	if (out)
		*out = read_all(ofile, NULL);
	if (err)
		*err = read_all(efile, NULL);
	unlink(ofile);
	unlink(efile);
	if (hung)
		return -2;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static size_t count_events(const struct cd_model *m, const char *rule, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_events; i++)
		n += !strcmp(m->events[i].rule, rule) && (!needle || strstr(m->events[i].message, needle));
	return n;
}

static size_t count_certs(const struct cd_model *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_objects; i++)
		n += m->objects[i]->kind == CD_KIND_CERT;
	return n;
}

/* ------------------------------------------------------------------ never hang */

Test(hostile, empty_folder_scans_cleanly_under_the_sanitizers)
{
	const char *d = fresh_dir();
	const char *paths[] = {d};
	struct cd_scan s;
	char *a[] = {"", "scan", AT, (char *)d, NULL};
	char *err = NULL;
	/* in this process: UBSan halts on qsort(NULL, 0) (tests run with halt_on_error=1) */
	scan_paths(&s, paths, 1, "2026-06-01T00:00:00Z");
	cr_expect_eq(s.model.n_objects, 0);
	cr_expect_eq(s.model.stats.dirs, 1);
	cd_scan_release(&s);
	/* and the binary, which is built with the same sanitizers in the test build */
	cr_expect_eq(run_limited(a, 60, NULL, &err), 0);
	cr_expect(strstr(err, "runtime error") == NULL, "%s", err);
	free(err);
	rm_tree(d);
}

Test(hostile, fifo_on_the_command_line_is_refused_not_waited_on)
{
	const char *d = fresh_dir();
	char *fifo = join(d, "bundle.pem");
	char *a[] = {"", "scan", AT, fifo, NULL};
	char *out = NULL, *err = NULL;
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	/* nobody ever writes to it: an open without O_NONBLOCK waits forever */
	cr_expect_eq(run_limited(a, 20, &out, &err), 2, "scan hung or did not refuse the FIFO");
	cr_expect(out && strstr(out, "FIFO (named pipe), not a regular file or a folder: not read"),
		  "%s", out ? out : "");
	cr_expect(out && strstr(out, "where: ") && strstr(out, "bundle.pem"), "path not named: %s", out);
	free(out);
	free(err);
	free(fifo);
	rm_tree(d);
}

Test(hostile, fifo_inside_a_folder_is_reported_and_the_rest_read)
{
	const char *d = fresh_dir();
	char *fifo = join(d, "certnew.cer"), *good = join(d, "RootCA.cer");
	struct cd_model m;
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	copy_file(src_path("testdata/formats/leaf.cer"), good);
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_path(&m, d, NULL), CD_OK);
	cr_expect_eq(count_events(&m, "ingest.unsupported", "FIFO (named pipe)"), 1);
	cr_expect_eq(count_certs(&m), 1);
	cd_model_release(&m);
	free(fifo);
	free(good);
	rm_tree(d);
}

Test(hostile, device_is_refused_without_being_opened)
{
	struct cd_model m;
	cd_model_init(&m);
	/* /dev/zero would never end, a tape device would rewind: neither is opened */
	cr_expect_eq(cd_ingest_path(&m, "/dev/zero", NULL), CD_E_IO);
	cr_expect_eq(count_events(&m, "ingest.unsupported", "character device, not a regular file"), 1);
	cd_model_release(&m);
}

Test(hostile, fifo_as_signatures_file_is_refused_not_waited_on)
{
	const char *d = fresh_dir();
	char *fifo = join(d, "sigs.yaml"), *good = join(d, "leaf.cer");
	char *a[] = {"", "scan", AT, "--signatures", fifo, good, NULL};
	char *err = NULL;
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	copy_file(src_path("testdata/formats/leaf.cer"), good);
	cr_expect_eq(run_limited(a, 20, NULL, &err), 2, "scan hung or accepted the FIFO");
	cr_expect(err && strstr(err, "not a regular file (FIFO (named pipe))"), "%s", err ? err : "");
	free(err);
	free(fifo);
	free(good);
	rm_tree(d);
}

Test(hostile, fifo_as_keylog_is_refused_not_waited_on)
{
	const char *d = fresh_dir();
	char *fifo = join(d, "sslkeys.log");
	char *cap = strdup(src_path("testdata/captures/tls13.pcap"));
	char *a[] = {"", "scan", AT, "--keylog", fifo, cap, NULL};
	char *err = NULL;
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_expect_eq(run_limited(a, 20, NULL, &err), 2, "scan hung or accepted the FIFO");
	cr_expect(err && strstr(err, "a FIFO (named pipe), not a regular file"), "%s", err ? err : "");
	free(err);
	free(fifo);
	free(cap);
	rm_tree(d);
}

Test(hostile, symlink_leaving_the_tree_is_reported_not_followed)
{
	const char *d = fresh_dir(), *outside = fresh_dir();
	char *tree = join(d, "bundle"), *secret = join(outside, "id_rsa.pem"), *l1, *l2, *l3;
	struct cd_model m;
	cr_assert_eq(mkdir(tree, 0755), 0);
	copy_file(src_path("testdata/formats/leaf.cer"), secret);
	l1 = join(tree, "server.pem");    /* to a file outside */
	l2 = join(tree, "etc");           /* to a folder outside */
	l3 = join(tree, "up.pem");        /* relative, climbing out */
	cr_assert_eq(symlink(secret, l1), 0);
	cr_assert_eq(symlink(outside, l2), 0);
	cr_assert_eq(symlink("../../../../../../../../../../../../../../../../etc/passwd", l3), 0);
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_path(&m, tree, NULL), CD_OK);
	cr_expect_eq(count_certs(&m), 0, "a certificate outside the tree was read");
	cr_expect_eq(count_events(&m, "ingest.unsupported", "(the path given on the command line): not followed"), 3);
	cd_model_release(&m);
	/* named on the command line, the same link is the user's choice and is followed */
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_path(&m, l1, NULL), CD_OK);
	cr_expect_eq(count_certs(&m), 1);
	cd_model_release(&m);
	free(l1);
	free(l2);
	free(l3);
	free(tree);
	free(secret);
	rm_tree(d);
	rm_tree(outside);
}

Test(hostile, symlink_staying_in_the_tree_is_followed)
{
	const char *d = fresh_dir();
	char *sub = join(d, "tomcat-trust"), *real = join(d, "tomcat-trust/RootCA.cer");
	char *l1 = join(d, "certnew.cer"), *l2 = join(d, "trust-copy");
	struct cd_model m;
	cr_assert_eq(mkdir(sub, 0755), 0);
	copy_file(src_path("testdata/formats/leaf.cer"), real);
	cr_assert_eq(symlink("tomcat-trust/RootCA.cer", l1), 0);
	cr_assert_eq(symlink("tomcat-trust", l2), 0);
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_path(&m, d, NULL), CD_OK);
	cr_expect_eq(count_certs(&m), 1);
	cr_expect_eq(m.objects[0]->n_sources, 3, "found through both links and directly");
	cr_expect_eq(count_events(&m, "ingest.unsupported", NULL), 0);
	cd_model_release(&m);
	free(sub);
	free(real);
	free(l1);
	free(l2);
	rm_tree(d);
}

Test(hostile, reading_an_input_leaves_its_access_time_alone)
{
	const char *d = fresh_dir();
	char *f = join(d, "RootCA.cer");
	struct timespec ts[2];
	struct stat st;
	struct cd_model m;
	copy_file(src_path("testdata/formats/leaf.cer"), f);
	/* an access time older than the modification time: relatime updates it on any read */
	cr_assert_eq(stat(f, &st), 0);
	ts[0].tv_sec = st.st_mtim.tv_sec - 86400;
	ts[0].tv_nsec = 0;
	ts[1] = st.st_mtim;
	cr_assert_eq(utimensat(AT_FDCWD, f, ts, 0), 0);
	cd_model_init(&m);
	cr_expect_eq(cd_ingest_path(&m, d, NULL), CD_OK);
	cr_expect_eq(count_certs(&m), 1);
	cd_model_release(&m);
	cr_assert_eq(stat(f, &st), 0);
	cr_expect_eq(st.st_atim.tv_sec, ts[0].tv_sec, "the scan changed the access time");
	free(f);
	rm_tree(d);
}

/* ------------------------------------------------------------------ never write through */

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	cr_assert_not_null(f, "cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

/* Names in dir other than the expected ones (a temporary file left behind). */
static size_t stray_files(const char *dir, const char *const *expected, size_t n_expected)
{
	size_t n, stray = 0;
	char **v = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		int known = 0;
		for (size_t k = 0; k < n_expected; k++)
			known |= !strcmp(v[i], expected[k]);
		if (!known) {
			cr_log_warn("stray file %s/%s", dir, v[i]);
			stray++;
		}
	}
	free_names(v, n);
	return stray;
}

Test(hostile, output_symlink_is_replaced_not_written_through)
{
	const char *d = fresh_dir();
	char *victim = join(d, "id_rsa"), *link = join(d, "report.txt");
	char *in = strdup(src_path("testdata/formats/leaf.cer"));
	char *a[] = {"", "scan", AT, "--fail-on", "never", "--force", "-o", link, in, NULL};
	char *content;
	struct stat st;
	const char *names[] = {"id_rsa", "report.txt"};
	write_text(victim, "PRIVATE");
	cr_assert_eq(symlink(victim, link), 0);
	cr_expect_eq(run_limited(a, 60, NULL, NULL), 0);
	content = read_all(victim, NULL);
	cr_expect_str_eq(content, "PRIVATE", "the report was written through the link");
	free(content);
	cr_assert_eq(lstat(link, &st), 0);
	cr_expect(S_ISREG(st.st_mode), "the link was not replaced by the report");
	content = read_all(link, NULL);
	cr_expect(content && strstr(content, "summary:"), "no report at the name");
	free(content);
	cr_expect_eq(stray_files(d, names, 2), 0);
	free(victim);
	free(link);
	free(in);
	rm_tree(d);
}

Test(hostile, extract_force_replaces_a_planted_hard_link)
{
	const char *d = fresh_dir();
	char *out = join(d, "out"), *victim = join(d, "authorized_keys"), *in = join(d, "leaf.cer");
	char *a[] = {"", "extract", "-o", out, in, NULL};
	char *b[] = {"", "extract", "--force", "-o", out, in, NULL};
	char *stdout_ = NULL, *nl, *content, *planted;
	cr_assert_eq(mkdir(out, 0755), 0);
	copy_file(src_path("testdata/formats/leaf.cer"), in);
	write_text(victim, "ssh-ed25519 AAAA engineer");
	/* learn the name extract uses, then plant a hard link to the victim under it */
	cr_assert_eq(run_limited(a, 60, &stdout_, NULL), 0);
	nl = strchr(stdout_, '\n');
	cr_assert_not_null(nl);
	*nl = 0;
	planted = strdup(stdout_);
	cr_assert_eq(unlink(planted), 0);
	cr_assert_eq(link(victim, planted), 0);
	free(stdout_);
	cr_expect_eq(run_limited(a, 60, NULL, NULL), 2, "an existing name was replaced without --force");
	cr_expect_eq(run_limited(b, 60, NULL, NULL), 0);
	content = read_all(victim, NULL);
	cr_expect_str_eq(content, "ssh-ed25519 AAAA engineer", "extract wrote through the hard link");
	free(content);
	content = read_all(planted, NULL);
	cr_expect(content && strstr(content, "-----BEGIN CERTIFICATE-----"), "certificate not written");
	free(content);
	free(planted);
	free(out);
	free(victim);
	free(in);
	rm_tree(d);
}

Test(hostile, output_naming_an_input_is_refused_even_with_force)
{
	const char *d = fresh_dir();
	char *in = join(d, "certnew.cer"), *link = join(d, "report.txt"), *dir = join(d, "bundle");
	char *inside = join(d, "bundle/RootCA.cer"), *sigs = join(d, "sigs.yaml");
	char *a1[] = {"", "scan", AT, "--force", "-o", in, in, NULL};
	char *a2[] = {"", "scan", AT, "--force", "-o", link, in, NULL};
	char *a3[] = {"", "scan", AT, "--force", "-o", inside, dir, NULL};
	char *a4[] = {"", "scan", AT, "--force", "--signatures", sigs, "-o", sigs, in, NULL};
	char *a5[] = {"", "precheck", AT, "--product", "cucm", "--purpose", "tomcat", "--cert", in, "--force", "-o", in, NULL};
	char *const *runs[] = {a1, a2, a3, a4, a5};
	const char *victims[] = {in, in, inside, sigs, in};
	cr_assert_eq(mkdir(dir, 0755), 0);
	copy_file(src_path("testdata/formats/leaf.cer"), in);
	copy_file(src_path("testdata/formats/leaf.cer"), inside);
	write_text(sigs, "[]\n");
	cr_assert_eq(symlink(in, link), 0);
	for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		char *err = NULL, *before = read_all(victims[i], NULL), *after;
		cr_expect_eq(run_limited(runs[i], 60, NULL, &err), 2, "run %zu", i);
		cr_expect(err && strstr(err, "refusing to replace") && strstr(err, "even with --force"),
			  "run %zu: %s", i, err ? err : "");
		after = read_all(victims[i], NULL);
		cr_expect(after && !strcmp(before, after), "run %zu replaced an input", i);
		free(before);
		free(after);
		free(err);
	}
	free(in);
	free(link);
	free(dir);
	free(inside);
	free(sigs);
	rm_tree(d);
}

Test(hostile, output_to_a_fifo_or_device_is_refused_not_waited_on)
{
	const char *d = fresh_dir();
	char *fifo = join(d, "report.txt");
	char *in = strdup(src_path("testdata/formats/leaf.cer"));
	char *a[] = {"", "scan", AT, "--force", "-o", fifo, in, NULL};
	char *b[] = {"", "scan", AT, "--force", "-o", "/dev/null", in, NULL};
	char *err = NULL;
	struct stat st;
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	cr_expect_eq(run_limited(a, 20, NULL, &err), 2, "hung or wrote into a FIFO");
	cr_expect(err && strstr(err, "it is a FIFO (named pipe), not a file"), "%s", err ? err : "");
	free(err);
	/* run as root, a rename would put a regular file in place of /dev/null */
	cr_expect_eq(run_limited(b, 20, NULL, NULL), 2);
	cr_assert_eq(stat("/dev/null", &st), 0);
	cr_expect(S_ISCHR(st.st_mode));
	free(fifo);
	free(in);
	rm_tree(d);
}

Test(hostile, new_output_is_not_readable_by_more_than_0644)
{
	const char *d = fresh_dir();
	char *out = join(d, "report.json"), *old = join(d, "private.txt");
	char *in = strdup(src_path("testdata/formats/leaf.cer"));
	char *a[] = {"", "scan", AT, "--fail-on", "never", "-f", "json", "-o", out, in, NULL};
	char *b[] = {"", "scan", AT, "--fail-on", "never", "--force", "-o", old, in, NULL};
	struct stat st;
	mode_t um = umask(0);
	cr_expect_eq(run_limited(a, 60, NULL, NULL), 0);
	cr_assert_eq(stat(out, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0644);
	/* replacing a private file keeps it private */
	write_text(old, "x");
	cr_assert_eq(chmod(old, 0600), 0);
	cr_expect_eq(run_limited(b, 60, NULL, NULL), 0);
	cr_assert_eq(stat(old, &st), 0);
	cr_expect_eq(st.st_mode & 0777, 0600);
	umask(um);
	free(out);
	free(old);
	free(in);
	rm_tree(d);
}

/* ------------------------------------------------------------------ never half */

/* Every rule case: a 12 MB JSON report, long enough to be interrupted while it is written. */
static void big_scan_args(char **a, char *out)
{
	a[0] = "";
	a[1] = "scan";
	a[2] = AT;
	a[3] = "--fail-on";
	a[4] = "never";
	a[5] = "-f";
	a[6] = "json";
	a[7] = "--force";
	a[8] = "-o";
	a[9] = out;
	a[10] = strdup(src_path("testdata/rules"));
	a[11] = NULL;
}

Test(hostile, sigterm_while_the_report_is_written_leaves_the_old_file, .timeout = 300)
{
	const char *d = fresh_dir();
	const char *names[] = {"report.json"};
	char *out = join(d, "report.json"), *a[12], *content;
	const char *bin = getenv("CD_BINARY");
	int st, signalled = 0;
	pid_t pid;
	write_text(out, "OLD REPORT");
	big_scan_args(a, out);
	a[0] = (char *)bin;
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		int nul = open("/dev/null", O_WRONLY);
		dup2(nul, 1);
		dup2(nul, 2);
		execv(bin, a);
		_exit(127);
	}
	/* wait until certdiag writes: the target changed (before atomic output it was truncated
	 * at once) or a temporary file beside it holds bytes; then stop it */
	while (!signalled) {
		size_t n;
		char **v = list_dir(d, &n);
		for (size_t i = 0; i < n && !signalled; i++) {
			struct stat fs;
			char *p = join(d, v[i]);
			if (stat(p, &fs) == 0 &&
			    (strcmp(v[i], "report.json") ? fs.st_size > 0 : fs.st_size != 10)) {
				kill(pid, SIGTERM);
				signalled = 1;
			}
			free(p);
		}
		free_names(v, n);
		if (waitpid(pid, &st, WNOHANG) == pid)
			break;
		usleep(500);
	}
	cr_assert(signalled, "certdiag ended before it could be interrupted");
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_expect(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "certdiag did not die of SIGTERM");
	content = read_all(out, NULL);
	cr_expect(content && !strcmp(content, "OLD REPORT"), "the old report was replaced by %zu bytes",
		  content ? strlen(content) : 0);
	free(content);
	cr_expect_eq(stray_files(d, names, 1), 0, "a temporary file was left behind");
	free(a[10]);
	free(out);
	rm_tree(d);
}

/* Run a big report under a file size limit of 64 KiB: SIGXFSZ kills certdiag half-way (sig
 * at its default), or the write fails with EFBIG as on a full disk (SIGXFSZ ignored). */
static int run_with_size_limit(char **a, int ignore_sigxfsz)
{
	const char *bin = getenv("CD_BINARY");
	int st;
	pid_t pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct rlimit rl = {65536, 65536};
		int nul = open("/dev/null", O_WRONLY);
		dup2(nul, 1);
		dup2(nul, 2);
		signal(SIGXFSZ, ignore_sigxfsz ? SIG_IGN : SIG_DFL);
		setrlimit(RLIMIT_FSIZE, &rl);
		a[0] = (char *)bin;
		execv(bin, a);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

Test(hostile, full_disk_leaves_the_old_file_and_no_temporary_file, .timeout = 300)
{
	const char *d = fresh_dir();
	const char *names[] = {"report.json"};
	char *out = join(d, "report.json"), *a[12], *content;
	write_text(out, "OLD REPORT");
	big_scan_args(a, out);
	/* the write fails (EFBIG, as ENOSPC would): exit 2, old report kept */
	cr_expect_eq(run_with_size_limit(a, 1), 2);
	content = read_all(out, NULL);
	cr_expect(content && !strcmp(content, "OLD REPORT"), "the old report was replaced by %zu bytes",
		  content ? strlen(content) : 0);
	free(content);
	cr_expect_eq(stray_files(d, names, 1), 0, "a temporary file was left behind");
	/* killed by the signal half-way: the same */
	cr_expect_eq(run_with_size_limit(a, 0), 128 + SIGXFSZ);
	content = read_all(out, NULL);
	cr_expect(content && !strcmp(content, "OLD REPORT"), "the old report was replaced by %zu bytes",
		  content ? strlen(content) : 0);
	free(content);
	cr_expect_eq(stray_files(d, names, 1), 0, "a temporary file was left behind");
	/* and with no old report, no report at all */
	unlink(out);
	cr_expect_eq(run_with_size_limit(a, 1), 2);
	cr_expect_eq(stray_files(d, names, 0), 0, "a partial report or a temporary file was left");
	free(a[10]);
	free(out);
	rm_tree(d);
}

/* ------------------------------------------------------------------ bounded, and truthful */

/* A check that emits CD_LIMIT_FINDINGS_PER_RULE + 7 findings, each with an object and
 * evidence (past the limit, what it gets must still take them). */
static int run_flood(struct cd_check_ctx *ctx)
{
	cd_check_applied(ctx);
	for (unsigned i = 0; i < CD_LIMIT_FINDINGS_PER_RULE + 7; i++) {
		struct cd_finding *f = cd_check_emit(ctx, "finding %u", i);
		cr_assert_not_null(f);
		cd_finding_evidence_int(f, "n", i);
		cd_finding_add_object(f, ctx->model, 0);
	}
	return CD_OK;
}

Test(hostile, findings_past_the_per_rule_limit_are_counted_not_kept)
{
	struct cd_catalogue c;
	struct cd_model m;
	struct cd_chains ch;
	struct cd_report r;
	struct cd_eval_opts eval;
	struct cd_product_opts prod;
	struct cd_source src = {.path = "leaf.cer", .rel = "leaf.cer"};
	char *err = NULL, *der, *detail = NULL;
	size_t nc = 0, len, idx, flood = 0;
	const struct cd_check **table;
	static const struct cd_check flooding = {"cert.expired", run_flood};
	cr_assert_eq(cd_catalogue_load(&c, &err), 0);
	table = calloc(c.n + 1, sizeof(*table));
	for (size_t i = 0; cd_checks[i]; i++)
		table[nc++] = !strcmp(cd_checks[i]->id, "cert.expired") ? &flooding : cd_checks[i];
	memset(&eval, 0, sizeof(eval));
	cd_product_opts_init(&prod);
	eval.product = &prod;
	eval.rules = "cert.expired";
	cd_model_init(&m);
	der = read_all(src_path("testdata/formats/leaf.cer"), &len);
	cr_assert_eq(cd_model_add(&m, CD_KIND_CERT, (const uint8_t *)der, len, &src, &idx, &detail), CD_OK);
	memset(&ch, 0, sizeof(ch));
	cr_assert_eq(cd_engine_run_checks(&m, &ch, &c, &eval, table, &r, &err), 0, "%s", err ? err : "");
	for (size_t i = 0; i < r.n_findings; i++)
		flood += !strcmp(r.findings[i].rule->id, "cert.expired");
	cr_expect_eq(flood, CD_LIMIT_FINDINGS_PER_RULE, "the first findings are kept, no more");
	cr_expect_eq(r.n_results, 1);
	cr_expect_eq(r.results[0].fired, CD_LIMIT_FINDINGS_PER_RULE + 7, "every finding is counted");
	cr_expect_eq(r.results[0].listed, CD_LIMIT_FINDINGS_PER_RULE);
	cr_expect_eq(cd_report_unlisted(&r), 7);
	cr_expect_eq(cd_report_count_at_least(&r, CD_SEV_INFO), CD_LIMIT_FINDINGS_PER_RULE + 7);
	cr_expect_eq(r.results[0].result, CD_RESULT_FAIL);
	cd_report_release(&r);
	cd_model_release(&m);
	cd_catalogue_release(&c);
	free(table);
	free(der);
}

Test(hostile, damaged_blocks_past_the_limit_give_a_bounded_report_that_says_so, .timeout = 300)
{
	/* CD_LIMIT_FINDINGS_PER_RULE + 3 damaged PEM blocks: a bounded number of findings, the
	 * rest counted, and both reports say so */
	const char *d = fresh_dir();
	char *in = join(d, "certnew.cer");
	char *a[] = {"", "scan", AT, "-f", "json", in, NULL};
	char *b[] = {"", "scan", AT, in, NULL};
	char *out = NULL, *want = NULL;
	FILE *f = fopen(in, "wb");
	cr_assert_not_null(f);
	for (unsigned i = 0; i < CD_LIMIT_FINDINGS_PER_RULE + 3; i++)
		fputs("-----BEGIN CERTIFICATE-----\r\nAA==\r\n-----END CERTIFICATE-----\r\n", f);
	fclose(f);
	cr_expect_eq(run_limited(a, 240, &out, NULL), 1);
	cr_assert_geq(asprintf(&want, "\"rule\": \"ingest.unparseable\",\n      \"result\": \"fail\",\n"
				      "      \"applied\": %u,\n      \"findings\": %u,\n"
				      "      \"findings_listed\": %u,\n      \"truncated\": true",
			       CD_LIMIT_FINDINGS_PER_RULE + 3, CD_LIMIT_FINDINGS_PER_RULE + 3,
			       CD_LIMIT_FINDINGS_PER_RULE), 0);
	cr_expect(out && strstr(out, want), "rule result not truncated as expected");
	cr_expect(out && strstr(out, "\"findings_not_listed\": 3"), "summary does not say");
	cr_expect(out && strstr(out, "\"errors\": 10003"), "summary does not count them");
	free(out);
	free(want);
	cr_expect_eq(run_limited(b, 240, &out, NULL), 1);
	cr_expect(out && strstr(out, "ingest.unparseable  Damaged certificate file (10003)"), "count");
	cr_expect(out && strstr(out, "    ... and 3 more findings of this rule, not listed: at most 10000 "
				     "are kept per rule"), "text does not say it was cut");
	cr_expect(out && strstr(out, "summary: 10003 errors"), "summary does not count them");
	free(out);
	free(in);
	rm_tree(d);
}

Test(hostile, a_csr_with_5000_names_is_read_in_one_pass)
{
	/* each gnutls_x509_crq_get_subject_alt_name(i) decodes the whole extension again: 5000
	 * names took 100 s; the extension is now read once */
	char *in = strdup(src_path("testdata/rules/ingest.limit-reached/fires-csr-and-certificate-past-the-san-limit/input"));
	char *a[] = {"", "scan", AT, "--rules", "ingest.*", in, NULL};
	char *out = NULL;
	cr_expect_eq(run_limited(a, 60, &out, NULL), 0, "the scan hung or failed");
	cr_expect(out && strstr(out, "CSR past a list limit: 5000 subjectAltName entries, only the first 4096 read"),
		  "%s", out ? out : "");
	free(out);
	free(in);
}

Test(hostile, compare_fails_closed_on_san_lists_past_the_limit)
{
	/* OLD holds host1..host5000, NEW lacks host4500: past the 4096 entries read, so the lists
	 * cannot be compared; "san same" and COMPATIBLE would be untrue */
	char *old = strdup(src_path("testdata/rules/cert.cn-not-in-san/na-cn-past-the-san-limit/input/certnew.cer"));
	char *new_ = strdup(src_path("testdata/rules/cucm.csr-san-mismatch/na-san-lists-past-the-limit/input/cucm-pub/tomcat.pem"));
	char *a[] = {"", "compare", AT, old, new_, NULL};
	char *b[] = {"", "compare", AT, "-f", "json", old, new_, NULL};
	char *out = NULL;
	cr_expect_eq(run_limited(a, 60, &out, NULL), 1);
	cr_expect(out && strstr(out, "  san                 NOT COMPARED (counts as breaking)\n"
				     "      old: 5000 entries\n      new: 4999 entries\n"), "%s", out ? out : "");
	free(out);
	cr_expect_eq(run_limited(b, 60, &out, NULL), 1);
	cr_expect(out && strstr(out, "\"field\": \"san\"") && strstr(out, "\"compared\": false"), "json");
	free(out);
	free(old);
	free(new_);
}

Test(hostile, a_pkcs7_of_5000_certificates_is_read_in_one_pass)
{
	/* gnutls_pkcs7_get_crt_raw2(i) walks the set from its start for every i: 43 s for this
	 * 16 KB file; the set is now walked once */
	char *in = strdup(src_path("testdata/hostile/certs-5000.p7b.gz"));
	char *a[] = {"", "scan", AT, "-f", "json", in, NULL};
	char *out = NULL;
	cr_expect_eq(run_limited(a, 30, &out, NULL), 1, "the scan hung or failed");
	cr_expect(out && strstr(out, "\"certificates\": 5000"), "not every certificate was read");
	free(out);
	free(in);
}

Test(hostile, damaged_der_names_the_offset_of_the_damage)
{
	/* testdata/hostile/damage.tsv: file, offset of the damage, what it is */
	char *tsv = read_all(src_path("testdata/hostile/damage.tsv"), NULL), *save = NULL;
	size_t rows = 0;
	cr_assert_not_null(tsv);
	for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char file[128], path[256];
		unsigned long want;
		struct cd_model m;
		int found = 0;
		cr_assert_eq(sscanf(line, "%127[^\t]\t%lu", file, &want), 2);
		snprintf(path, sizeof(path), "testdata/hostile/%s", file);
		cd_model_init(&m);
		cr_expect_eq(cd_ingest_path(&m, src_path(path), NULL), CD_OK);
		for (size_t i = 0; i < m.n_events; i++)
			if (!strcmp(m.events[i].rule, "ingest.unparseable") && m.events[i].has_offset &&
			    m.events[i].offset == want)
				found = 1;
		cr_expect(found, "%s: no ingest.unparseable at offset %lu (%s)", file, want,
			  m.n_events ? m.events[0].message : "no event at all");
		cd_model_release(&m);
		rows++;
	}
	cr_expect_eq(rows, 2);
	free(tsv);
}

/* The messages of rule's events in one scan of path (joined by newlines; caller frees). */
static char *event_messages(const char *path, const char *rule)
{
	struct cd_model m;
	size_t n = 1;
	char *all;
	cd_model_init(&m);
	cd_ingest_path(&m, path, NULL);
	for (size_t i = 0; i < m.n_events; i++)
		n += strlen(m.events[i].message) + 1;
	all = calloc(1, n);
	for (size_t i = 0; i < m.n_events; i++)
		if (!strcmp(m.events[i].rule, rule)) {
			strncat(all, m.events[i].message, n - strlen(all) - 1);
			strncat(all, "\n", n - strlen(all) - 1);
		}
	cd_model_release(&m);
	return all;
}

Test(hostile, gzip_past_the_filter_limit_is_a_limit_not_damage)
{
	char *lim = event_messages(src_path("testdata/hostile/nested-30.cer.gz"), "ingest.limit-reached");
	char *dmg = event_messages(src_path("testdata/hostile/nested-30.cer.gz"), "ingest.unparseable");
	cr_expect(strstr(lim, "gzip stream nested in more compression layers than libarchive unwraps"),
		  "%s", lim);
	cr_expect_str_empty(dmg, "reported as damage: %s", dmg);
	free(lim);
	free(dmg);
}

Test(hostile, a_compressed_stream_with_no_member_says_what_was_read)
{
	char *z = event_messages(src_path("testdata/hostile/zeros.tar.gz"), "ingest.unsupported");
	char *e = event_messages(src_path("testdata/hostile/nothing.gz"), "ingest.unsupported");
	char *d = event_messages(src_path("testdata/hostile/nothing.gz"), "ingest.unparseable");
	cr_expect(strstr(z, "gzip stream holding an empty tar archive (no member; an end-of-archive "
			    "marker after 1024 bytes"), "%s", z);
	cr_expect(strstr(e, "gzip stream that decompresses to no data: nothing to analyse"), "%s", e);
	cr_expect_str_empty(d, "an empty stream is not damage: %s", d);
	free(z);
	free(e);
	free(d);
}

Test(hostile, archive_errors_name_the_member_and_its_offset)
{
	/* truncated.zip: the last local header (PK\3\4) starts the member that is cut */
	size_t len, last = 0;
	char *zip = read_all(src_path("testdata/archives/truncated.zip"), &len), *msgs, want[96];
	for (size_t i = 0; i + 4 <= len; i++)
		if (!memcmp(zip + i, "PK\003\004", 4))
			last = i;
	cr_assert_gt(last, 0);
	msgs = event_messages(src_path("testdata/archives/truncated.zip"), "ingest.unparseable");
	snprintf(want, sizeof(want), "(member header at byte %zu of the archive)", last);
	cr_expect(strstr(msgs, want), "want %s in %s", want, msgs);
	free(msgs);
	free(zip);
}

Test(hostile, half_open_handshakes_past_the_limit_are_counted_and_said)
{
	/* 10,005 connections that send a SYN and part of a ClientHello and are never answered:
	 * each one held ~8 KB of parsing state (100,000 took 813 MB); at most
	 * CD_PCAP_MAX_LIVE_FLOWS hold it at once, the rest are counted */
	char *msgs = event_messages(src_path("testdata/hostile/halfopen-10005.pcap.gz"),
				    "ingest.limit-reached");
	cr_expect(strstr(msgs, "more than 10000 TCP connections of this capture were in the middle of "
			       "their handshake at once (CD_PCAP_MAX_LIVE_FLOWS): 5 connections that "
			       "began past the limit were not analysed"), "%s", msgs);
	free(msgs);
}

/* ------------------------------------------------------------------ fuzz seeds */

#include "logs/logs.h"
#include "pcap/capture.h"

Test(hostile, capture_and_signatures_fuzz_seeds_and_regressions_run_cleanly)
{
	/* what fuzz/fuzz_capture.c and fuzz/fuzz_signatures.c do with every file of their corpus,
	 * under the test suite's sanitizers */
	static const char *const dirs[] = {"fuzz/corpus/capture", "fuzz/corpus/signatures"};
	size_t total = 0;
	for (size_t k = 0; k < 2; k++) {
		char dir[512];
		size_t n;
		char **v;
		snprintf(dir, sizeof(dir), "%s", src_path(dirs[k]));
		v = list_dir(dir, &n);
		cr_expect_gt(n, 0, "%s is empty", dirs[k]);
		for (size_t i = 0; i < n; i++) {
			char path[1024], *err = NULL;
			size_t len;
			char *data;
			snprintf(path, sizeof(path), "%s/%s", dir, v[i]);
			data = read_all(path, &len);
			cr_assert_not_null(data);
			if (k == 0) {
				struct cd_model m;
				struct cd_source src = {.path = path, .rel = v[i]};
				cd_model_init(&m);
				cr_expect_eq(cd_pcap_ingest_buffer(&m, (const uint8_t *)data, len, &src, NULL), CD_OK, "%s", v[i]);
				cd_model_release(&m);
			} else {
				struct cd_logsig_set s;
				memset(&s, 0, sizeof(s));
				/* a seed is a valid signatures file: it loads and compiles */
				cr_expect_eq(cd_logsig_set_add_yaml(&s, v[i], data, len, &err), CD_OK, "%s: %s", v[i],
					     err ? err : "");
				cr_expect_eq(cd_logsig_set_finish(&s, &err), CD_OK, "%s: %s", v[i], err ? err : "");
				cd_logsig_set_release(&s);
				free(err);
			}
			free(data);
			total++;
		}
		free_names(v, n);
	}
	cr_expect_geq(total, 20);
}

/* A file name with terminal escape sequences (a customer's zip, a crafted folder): the text
 * report and stderr print its control characters as \xNN, and --color keeps only certdiag's
 * own colours; JSON escapes them its own way. */
Test(hostile, control_characters_of_file_names_never_reach_the_terminal)
{
	char dir[] = "/tmp/certdiag-escname-XXXXXX", bad[1200], missing[1200], cmd[2600];
	cr_assert_not_null(mkdtemp(dir));
	snprintf(bad, sizeof(bad), "%s/a\033]0;pwned\007b.pem", dir);
	snprintf(missing, sizeof(missing), "%s/gone\033[2J.pem", dir);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", src_path("testdata/sans/smartcard.pem"), bad);
	cr_assert_eq(system(cmd), 0);
	for (int k = 0; k < 3; k++) {
		char *out = NULL, *err = NULL;
		char *a[] = {"certdiag", k == 2 ? "show" : "scan", "--at", "2026-06-01T00:00:00Z",
			     k == 1 ? "--color" : "--no-color", dir, missing, NULL};
		cr_assert_geq(run_binary(a, &out, &err), 0);
		cr_expect(!strstr(out, "\033]") && !strchr(out, '\007') && !strstr(out, "\033[2J"),
			  "%d: a control character of a file name is on stdout", k);
		cr_expect(!strchr(err, '\033') && !strchr(err, '\007'), "%d: on stderr: %s", k, err);
		cr_expect(strstr(out, "a\\x1b]0;pwned\\x07b.pem"), "%d: stdout\n%s", k, out);
		cr_expect(strstr(err, "gone\\x1b[2J.pem"), "%d: stderr\n%s", k, err);
		if (k == 1)
			cr_expect(strstr(out, "\033[1m"), "--color: certdiag's own colours are kept");
		free(out);
		free(err);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_expect_eq(system(cmd), 0);
}
