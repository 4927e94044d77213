/* outfile.h - every file certdiag writes: a temporary file beside the target, renamed into
 * place only when complete, removed on error or signal. */
#ifndef CD_UTIL_OUTFILE_H
#define CD_UTIL_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

/* A file being written. The target is never opened: nothing is written through a symbolic or
 * hard link, and a run that stops half-way (error, full disk, SIGTERM/SIGINT/SIGHUP/SIGXFSZ)
 * leaves the old file, or no file, at the target and no temporary file behind. */
struct cd_outfile {
	FILE *f;        /* write here between open and commit */
	int dirfd;      /* the target's directory, -1 when closed */
	char *name;     /* the target's last component (owned) */
	char *shown;    /* the target as the user named it, for messages (owned) */
	char tmp[96];   /* the temporary file's name in dirfd, "" when there is none */
	int force;
	int slot;       /* signal clean-up slot, -1 none */
	int active;     /* between open and commit or abort */
};

/* Start writing dir/name (dirfd: an open directory, or AT_FDCWD with name a path whose
 * directory is looked up here). shown names the target in *err.
 * - Without force, an existing name (of any kind, a dangling link too) is refused.
 * - With force, an existing regular file or symbolic link is replaced at commit (the name,
 *   never what it points at); a folder, FIFO, device or socket is refused.
 * - A target that is the same file (device and inode, following links) as one of the inputs
 *   (n_inputs paths, files or folders: a file anywhere under an input folder counts) is
 *   refused even with force.
 * The temporary file is created O_EXCL|O_NOFOLLOW with mode 0644 (less the umask) in the
 * same directory, so that the rename is atomic. Returns CD_OK; CD_E_USAGE (refused, *err says
 * why), CD_E_IO (*err says why) or CD_E_NOMEM. *err is malloc'd; the caller frees it. */
int cd_outfile_open(struct cd_outfile *o, int dirfd, const char *name, const char *shown,
		    int force, const char *const *inputs, size_t n_inputs, char **err);

/* Finish: flush and close the temporary file and rename it to the target (without force: only
 * if the name is still free). On any error the temporary file is removed and the target left
 * as it was. CD_OK, or CD_E_IO / CD_E_USAGE with *err (malloc'd). o is closed either way. */
int cd_outfile_commit(struct cd_outfile *o, char **err);

/* Give up: close and remove the temporary file (the target is untouched). Accepts a closed or
 * zeroed o. */
void cd_outfile_abort(struct cd_outfile *o);

#endif
