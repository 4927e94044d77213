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
