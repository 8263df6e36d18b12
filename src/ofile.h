/*
 * ofile: an output that appears whole or not at all. A regular file is
 * written under a temporary name in its own directory (mkstemp, mode 0600)
 * and renamed into place by ofile_commit; through a symbolic link, the
 * file it points to is the one replaced. Standard output, /dev/stderr,
 * /dev/fd/N and an existing FIFO or device cannot be renamed into, so they
 * are spooled to an unlinked temporary file in TMPDIR and copied out by
 * ofile_commit (the descriptor names through the descriptor itself, never
 * reopened): a run that fails before the commit writes nothing anywhere.
 */
#ifndef OFILE_H
#define OFILE_H

#include <stdio.h>

#include "util.h"

struct ofile {
	char	*path;		/* the name given; NULL for standard output */
	char	*target;	/* a symlink's regular file, renamed over */
	char	*tmp;		/* temporary name to rename, or NULL */
	FILE	*fp;		/* where the run writes */
	int	 copy;		/* commit copies fp to fd, or to path */
	int	 fd;		/* a descriptor written through, or -1 */
	int	 slot;		/* tmp's place in the clean-up list, or -1 */
};

/*
 * Installs the handlers that remove the temporary files on SIGINT,
 * SIGTERM, SIGHUP and SIGPIPE before the signal takes its course (exit
 * status 128 + N), and makes fatal() remove them too.
 */
void	ofile_signals(void);

/*
 * The descriptor an output name stands for: 1 for NULL, "-" and
 * /dev/stdout, 2 for /dev/stderr, N for /dev/fd/N and /proc/self/fd/N;
 * else -1.
 */
int	ofile_fd_alias(const char *path);

/*
 * Do a and b name one file: the same device and inode, or, when one does
 * not exist yet, the same name once its directory is resolved?
 */
int	ofile_same_file(const char *a, const char *b);

/* path NULL or "-" is standard output. -1 with a message in err. */
int	ofile_open(struct ofile *, const char *path, struct buf *err);
int	ofile_flush(struct ofile *, struct buf *err);	/* write errors now */
int	ofile_commit(struct ofile *, struct buf *err);
void	ofile_abort(struct ofile *);
int	ofile_is_open(const struct ofile *);
const char *ofile_name(const struct ofile *);	/* for messages */

/* An unlinked temporary file in TMPDIR, open "w+b"; NULL and err on failure. */
FILE	*ofile_spool(struct buf *err);

#endif
