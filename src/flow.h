/*
 * flow: the loop every command shares. It opens the inputs (spooling a
 * pipe to a temporary file so it can be read twice), detects encodings,
 * reads and maps headers, decodes only the fields a command asks for,
 * writes output records through csvout, routes every status to diag, and
 * at the end commits all outputs together or none of them.
 *
 * Ownership: a struct rec from input_next is valid until the next call on
 * that input; text decoded by input_field lives in the caller's buffer.
 *
 * A command that reads a large input more than once opens it with
 * flow_input_once, maps its header, and calls input_spool with the columns
 * it uses: the file is then parsed once, its encoding found in that same
 * pass, and input_next and input_rewind work on a spool of those columns.
 */
#ifndef FLOW_H
#define FLOW_H

#include "cli.h"
#include "csvin.h"
#include "csvout.h"
#include "diag.h"
#include "enc.h"
#include "ofile.h"
#include "profile.h"

struct input {
	char		*name;		/* as given; "-" for standard input */
	FILE		*fp;		/* seekable: a file or a spool */
	struct detect	 det;
	enum enc	 enc;		/* ENC_UTF8 or ENC_CP932 */
	struct csvin	*csv;
	size_t		 nh;		/* header fields */
	char		**hdr;		/* decoded header fields */
	char		**nhdr;		/* normalized header fields */
	size_t		 hdr_line;
	int		 keep_empty;	/* return rows of empty cells too */
	struct codec	*codec;
	struct detector	*dt;		/* flow_input_once: detection */
	struct spool	*sp;		/* after input_spool */
};

struct flow {
	const struct cmd *cmd;
	struct opts	*o;
	struct profile	*prof;
	struct codec	*codec;
	struct diag	*diag;
	struct input	*in;		/* the primary input */
	enum enc	 out_enc;
	struct ofile	 out, rep, plan, json;
	struct csvout	 w, rw, pw;
	const char *const *ohdr;	/* the output's header, for notices */
	size_t		 nohdr;
	struct buf	 err;
	struct buf	 tmp;
};

/* Loads the profile; 2 (message printed) on error, else 0. */
int		 flow_init(struct flow *, const struct cmd *, struct opts *);

/*
 * Opens an input: detects its encoding (or takes --input-encoding) and
 * reads its header. NULL with the reason in f->err on failure.
 */
struct input	*flow_input(struct flow *, const char *path);
void		 input_close(struct input *);

/*
 * The same for an input that input_spool will read: the header is decoded
 * in the encoding its own bytes show, and the file's encoding is settled
 * by input_spool. Errors and their order are flow_input's.
 */
struct input	*flow_input_once(struct flow *, const char *path);

/*
 * Reads the rest of in once, keeping the raw bytes of columns cols[0..n)
 * (-1 entries ignored) in an unlinked temporary file; from then on
 * input_next returns records from it (nf as read, the other fields "" of
 * length 0; input_count_ok answers as for the record read) and
 * input_rewind goes back to its start. After flow_input_once, exit 2 for a
 * UTF-16 or mixed file and the fields' encoding are decided here. A CSV
 * error is returned by input_next after the records before it. -1 and
 * f->err on failure.
 */
int		 input_spool(struct flow *, struct input *, const int *cols,
		    size_t n);
int		 input_rewind(struct input *, struct buf *err);	/* spooled */
int		 input_rewind(struct input *, struct buf *err);

/* Next record, skipping rows of empty cells unless keep_empty. 1, 0, -1. */
int		 input_next(struct input *, struct rec **, struct buf *err);

/* Does the record have the header's field count (extra empties allowed)? */
int		 input_count_ok(const struct input *, const struct rec *);

/*
 * Decodes field col of r into out (reset first), trimmed of spaces, TABs
 * and U+3000 when trim is set. col -1 or past the record gives "". Returns
 * 0, or -1 after adding ENCODING_INVALID (line, key, name as given).
 */
int		 input_field(struct flow *, struct input *, const struct rec *,
		    int col, int trim, struct buf *out, const char *key,
		    const char *name);

/*
 * The same without a report row: -1 with *bad at the first invalid byte.
 * For a first pass over the input (the second reports) and for reference
 * files, whose invalid bytes are an input error rather than an exclusion.
 */
int		 input_peek(const struct input *, const struct rec *, int col,
		    int trim, struct buf *out, size_t *bad);

/* Does a header of in match role of section? */
int		 input_has(struct flow *, const struct input *,
		    const char *section, const char *role);

/*
 * The kind of file in's header says (inspect's "kind": "SmartHR
 * employees", "ミキワメAI results", … or "unknown"), and the profile
 * section its headers are read with.
 */
const char	*input_kind(struct flow *, const struct input *,
		    const char **section);

/*
 * Maps roles of section onto in's header (profile_map); -1 and f->err. A
 * SmartHR employee export where a ミキワメAI file is wanted, or the
 * reverse, is refused, and a file missing a required column is named by
 * the kind it looks like, with the command or option that takes it.
 */
int		 input_map(struct flow *, struct input *, const char *section,
		    const char *const *role, const int *req, size_t nr,
		    int *col);

/*
 * Opens -o, --errors, --plan and --json-summary, with the output encoding
 * defaulting to the primary input's, and writes the output header hdr
 * (nh fields; none when hdr is NULL). 2 (message printed) on error.
 */
int		 flow_outputs(struct flow *, const char *const *hdr, size_t nh);

/*
 * Writes an output record. 0 written; 1 excluded with
 * ENCODING_UNREPRESENTABLE (names[i] names field i in the message); -1 on a
 * write error (f->err set).
 */
int		 flow_write(struct flow *, const char *const *fld,
		    const size_t *len, size_t n, size_t line,
		    const char *const *names, const char *key,
		    const char *name);

/*
 * Would flow_write accept these fields in the output encoding? 0 yes; 1
 * after adding the same ENCODING_UNREPRESENTABLE row flow_write adds. For
 * a command that must refuse a record before deciding others by it (a
 * department whose children would lose their parent). Needs flow_outputs.
 */
int		 flow_encodable(struct flow *, const char *const *fld,
		    const size_t *len, size_t n, size_t line,
		    const char *const *names, const char *key,
		    const char *name);

/* Prints "mikibridge: msg", removes every output, returns 2. */
int		 flow_fail(struct flow *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Ends the run with status 0/1 from the report (or 3 when limit is set:
 * the output is dropped, report and plan kept): writes the report, commits
 * the outputs, prints the summary. Returns the exit status.
 */
int		 flow_finish(struct flow *, int limit);
void		 flow_free(struct flow *);

/* Opens path ("-" = stdin) as a seekable stream; NULL and err on failure. */
FILE		*flow_open_seekable(const char *path, struct buf *err);

#endif
