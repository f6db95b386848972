/* owner.h: a run as root must not write into another user's output.
 *
 * The package's job runs as the user ikz-report, which owns
 * /var/lib/ikz-report/berichte. Run by hand as root, the job would leave
 * a root-owned OUTPUT/YYYY, .lock or .tmp-* there that the package's user
 * can neither replace nor remove, and the next night would fail for it.
 * So a run as root checks who owns the output directory first. */
#ifndef IKZ_OWNER_H
#define IKZ_OWNER_H

#include <stddef.h>

#include "status.h"

/* When the process runs as root and output_dir (or, if it does not exist
 * yet, the nearest existing directory above it) belongs to another user:
 * that user's name (or "#UID" without one) in owner, and IKZ_ERR_NOPERM
 * with "OUTPUT belongs to USER: ..." in err. IKZ_OK otherwise, also when
 * not root. Touches nothing. */
enum ikz_status owner_check(const char *output_dir, char *owner, size_t size, struct ikz_error *err);

#endif
