/* outfile.c - write a file whole or not at all (rename(2) of a temporary file created with
 * O_EXCL|O_NOFOLLOW beside the target; renameat2 RENAME_NOREPLACE when overwriting is not
 * allowed), refusing to replace an input; the temporary file is removed on error and on the
 * terminating signals (unlinkat is async-signal-safe, POSIX.1-2008 XSH 2.4.3). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "util/buf.h"
#include "util/error.h"
#include "util/infile.h"
#include "util/outfile.h"
#include "util/str.h"

/* Temporary files open at once (extract writes one at a time; one report). */
#define SLOTS 8
/* Names tried for the temporary file before giving up (each create is O_EXCL). */
#define TMP_TRIES 64

/* The temporary files to remove when a terminating signal arrives. A process-wide table: a
 * signal handler has nothing else to go on. Written with the signals blocked. */
static struct {
	volatile sig_atomic_t used;
	int dirfd;
	char tmp[96];
} slots[SLOTS];

static const int SIGNALS[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGXFSZ};
#define N_SIGNALS (sizeof(SIGNALS) / sizeof(SIGNALS[0]))
static int handlers_installed;

static void on_signal(int sig)
{
	int saved = errno;
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].used)
			unlinkat(slots[i].dirfd, slots[i].tmp, 0);
	errno = saved;
	/* SA_RESETHAND put the default action back: die of the same signal once this returns */
	raise(sig);
}

static void block_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	for (size_t i = 0; i < N_SIGNALS; i++)
		sigaddset(&set, SIGNALS[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void install_handlers(void)
{
	if (handlers_installed)
		return;
	handlers_installed = 1;
	for (size_t i = 0; i < N_SIGNALS; i++) {
		struct sigaction sa, old;
		/* a signal the caller ignores (nohup, SIGXFSZ set to SIG_IGN) or handles stays so */
		if (sigaction(SIGNALS[i], NULL, &old) < 0 || old.sa_handler != SIG_DFL ||
		    (old.sa_flags & SA_SIGINFO))
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t k = 0; k < N_SIGNALS; k++)
			sigaddset(&sa.sa_mask, SIGNALS[k]);
		sa.sa_flags = SA_RESETHAND;
		sigaction(SIGNALS[i], &sa, NULL);
	}
}

static int slot_take(int dirfd, const char *tmp)
{
	sigset_t old;
	int s = -1;
	block_signals(&old);
	install_handlers();
	for (int i = 0; i < SLOTS && s < 0; i++)
		if (!slots[i].used) {
			slots[i].dirfd = dirfd;
			cd_strlcpy(slots[i].tmp, tmp, sizeof(slots[i].tmp));
			slots[i].used = 1;
			s = i;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return s;
}

static void slot_drop(int s)
{
	sigset_t old;
	if (s < 0)
		return;
	block_signals(&old);
	slots[s].used = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static char *msgf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *msgf(const char *fmt, ...)
{
	struct cd_buf b;
	va_list ap;
	cd_buf_init(&b, 1 << 16);
	va_start(ap, fmt);
	cd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return cd_buf_detach(&b);
}

/* Is path (resolved) the folder dir_real (resolved) or below it? */
static int under(const char *dir_real, const char *path)
{
	size_t n = strlen(dir_real);
	if (!path)
		return 0;
	if (n == 1 && dir_real[0] == '/')
		return 1;
	return !strncmp(path, dir_real, n) && path[n] == '/';
}

/* Is the existing target name in dirfd (lst: its lstat) one of the inputs, or inside an input
 * folder (*folder set)? Returns that input, or NULL. */
static const char *same_as_input(int dirfd, const char *name, const struct stat *lst,
				 const char *const *inputs, size_t n_inputs, int *folder)
{
	struct stat tst;
	int have_t = fstatat(dirfd, name, &tst, 0) == 0; /* through a link */
	char proc[64], dir[PATH_MAX], *at = NULL, *real = NULL;
	const char *hit = NULL;
	ssize_t n;
	/* where the name is (its folder resolved), and where it leads (a link resolved) */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", dirfd);
	n = readlink(proc, dir, sizeof(dir) - 1);
	if (n > 0) {
		dir[n] = 0;
		at = msgf("%s%s%s", dir, n == 1 && dir[0] == '/' ? "" : "/", name);
		real = at ? realpath(at, NULL) : NULL;
	}
	for (size_t i = 0; i < n_inputs && !hit; i++) {
		struct stat ist;
		char *ireal;
		if (!inputs[i] || stat(inputs[i], &ist) < 0)
			continue;
		if (!S_ISDIR(ist.st_mode)) {
			if ((ist.st_dev == lst->st_dev && ist.st_ino == lst->st_ino) ||
			    (have_t && ist.st_dev == tst.st_dev && ist.st_ino == tst.st_ino))
				hit = inputs[i];
			continue;
		}
		/* a file anywhere under an input folder was read by this run */
		ireal = realpath(inputs[i], NULL);
		if (ireal && (under(ireal, at) || under(ireal, real))) {
			hit = inputs[i];
			*folder = 1;
		}
		free(ireal);
	}
	free(at);
	free(real);
	return hit;
}

int cd_outfile_open(struct cd_outfile *o, int dirfd, const char *name, const char *shown,
		    int force, const char *const *inputs, size_t n_inputs, char **err)
{
	static unsigned long counter;
	struct stat lst;
	const char *base = name, *hit;
	int fd = -1, exists, rc, folder = 0;
	mode_t mode = 0644;

	memset(o, 0, sizeof(*o));
	o->active = 1;
	o->dirfd = -1;
	o->slot = -1;
	o->force = force;
	*err = NULL;
	o->shown = cd_strdup(shown ? shown : name);
	if (!o->shown)
		return CD_E_NOMEM;
	if (dirfd == AT_FDCWD) {
		const char *slash = strrchr(name, '/');
		char *dir = slash ? cd_strndup(name, slash == name ? 1 : (size_t)(slash - name)) : cd_strdup(".");
		if (!dir) {
			rc = CD_E_NOMEM;
			goto fail;
		}
		base = slash ? slash + 1 : name;
		/* the directory may be reached through links the user chose; the name may not */
		o->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (o->dirfd < 0) {
			*err = msgf("cannot write '%s': %s", o->shown, strerror(errno));
			free(dir);
			rc = CD_E_IO;
			goto fail;
		}
		free(dir);
	} else {
		o->dirfd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
		if (o->dirfd < 0) {
			*err = msgf("cannot write '%s': %s", o->shown, strerror(errno));
			rc = CD_E_IO;
			goto fail;
		}
	}
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
		*err = msgf("cannot write '%s': it names a folder, not a file", o->shown);
		rc = CD_E_USAGE;
		goto fail;
	}
	o->name = cd_strdup(base);
	if (!o->name) {
		rc = CD_E_NOMEM;
		goto fail;
	}
	exists = fstatat(o->dirfd, o->name, &lst, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists && (hit = same_as_input(o->dirfd, o->name, &lst, inputs, n_inputs, &folder))) {
		*err = msgf("refusing to replace '%s': it is %s '%s' (even with --force)", o->shown,
			    folder ? "a file inside the input folder" : "the input", hit);
		rc = CD_E_USAGE;
		goto fail;
	}
	if (exists && !force) {
		*err = msgf("refusing to overwrite '%s' (use --force)", o->shown);
		rc = CD_E_USAGE;
		goto fail;
	}
	if (exists && !S_ISREG(lst.st_mode) && !S_ISLNK(lst.st_mode)) {
		*err = msgf("refusing to replace '%s': it is a %s, not a file (write to standard output "
			    "with -o - instead)", o->shown, cd_infile_type_name(lst.st_mode));
		rc = CD_E_USAGE;
		goto fail;
	}
	if (exists && S_ISREG(lst.st_mode))
		mode &= lst.st_mode; /* never readable by more people than the file it replaces */
	for (int i = 0; i < TMP_TRIES && fd < 0; i++) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		snprintf(o->tmp, sizeof(o->tmp), ".certdiag-%ld-%lu-%06lx.tmp", (long)getpid(), ++counter,
			 (unsigned long)(ts.tv_nsec ^ (long)i * 7919) & 0xffffff);
		o->slot = slot_take(o->dirfd, o->tmp); /* before the file exists: no window */
		fd = openat(o->dirfd, o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd < 0) {
			int e = errno;
			slot_drop(o->slot);
			o->slot = -1;
			errno = e;
			if (e != EEXIST)
				break;
		}
	}
	if (fd < 0) {
		*err = msgf("cannot write '%s': cannot create a temporary file beside it: %s", o->shown,
			    strerror(errno));
		o->tmp[0] = 0;
		rc = CD_E_IO;
		goto fail;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		close(fd);
		rc = CD_E_NOMEM;
		goto fail;
	}
	return CD_OK;
fail:
	cd_outfile_abort(o);
	return rc;
}

int cd_outfile_commit(struct cd_outfile *o, char **err)
{
	int bad, e = 0, rc = CD_OK;
	*err = NULL;
	if (!o->f)
		return CD_E_IO;
	errno = 0;
	bad = fflush(o->f) != 0 || ferror(o->f);
	if (bad)
		e = errno;
	if (fclose(o->f) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	o->f = NULL;
	if (bad) {
		*err = msgf("error writing '%s'%s%s; it was left as it was", o->shown, e ? ": " : "",
			    e ? strerror(e) : "");
		rc = CD_E_IO;
	} else if (o->force) {
		/* rename replaces the name: a symbolic or hard link there is not written through */
		if (renameat(o->dirfd, o->tmp, o->dirfd, o->name) < 0) {
			*err = msgf("cannot write '%s': %s", o->shown, strerror(errno));
			rc = CD_E_IO;
		} else {
			o->tmp[0] = 0;
		}
	} else {
		int r = renameat2(o->dirfd, o->tmp, o->dirfd, o->name, RENAME_NOREPLACE);
		if (r < 0 && (errno == EINVAL || errno == ENOSYS)) {
			/* a file system without RENAME_NOREPLACE: link(2) fails on an existing name too */
			r = linkat(o->dirfd, o->tmp, o->dirfd, o->name, 0);
			if (r == 0)
				unlinkat(o->dirfd, o->tmp, 0);
		}
		if (r < 0 && errno == EEXIST) {
			*err = msgf("refusing to overwrite '%s' (use --force): it appeared while certdiag ran",
				    o->shown);
			rc = CD_E_USAGE;
		} else if (r < 0) {
			*err = msgf("cannot write '%s': %s", o->shown, strerror(errno));
			rc = CD_E_IO;
		} else {
			o->tmp[0] = 0;
		}
	}
	cd_outfile_abort(o);
	return rc;
}

void cd_outfile_abort(struct cd_outfile *o)
{
	if (!o || !o->active)
		return;
	o->active = 0;
	if (o->f) {
		fclose(o->f);
		o->f = NULL;
	}
	if (o->tmp[0] && o->dirfd >= 0)
		unlinkat(o->dirfd, o->tmp, 0);
	o->tmp[0] = 0;
	slot_drop(o->slot);
	o->slot = -1;
	if (o->dirfd >= 0)
		close(o->dirfd);
	o->dirfd = -1;
	free(o->name);
	free(o->shown);
	o->name = o->shown = NULL;
}
