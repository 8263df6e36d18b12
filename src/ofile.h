/*
 * ofile: an output that appears whole or not at all. A regular file is
 * written under a temporary name in its own directory (mkstemp, mode 0600)
 * and renamed into place by ofile_commit. Standard output and an existing
 * FIFO or device cannot be renamed into, so they are spooled to an unlinked
 * temporary file in TMPDIR and copied out by ofile_commit: a run that fails
 * before the commit writes nothing anywhere.
 */
#ifndef OFILE_H
#define OFILE_H

#include <stdio.h>

#include "util.h"

struct ofile {
	char	*path;		/* the destination; NULL for standard output */
	char	*tmp;		/* temporary name to rename, or NULL */
	FILE	*fp;		/* where the run writes */
	int	 copy;		/* commit copies fp to path or stdout */
};

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
