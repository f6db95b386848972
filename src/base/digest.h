/* digest.h: SHA-256 for the audit trail, with OpenSSL's libcrypto.
 *
 * Inputs are hashed in the same pass that reads them; outputs after they
 * are written. The libcrypto type stays inside digest.c. */
#ifndef IKZ_DIGEST_H
#define IKZ_DIGEST_H

#include <stddef.h>

#include "status.h"

#define DIGEST_HEX_LEN 64

struct digest; /* opaque */

struct digest *digest_new(void); /* NULL when out of memory */
void digest_update(struct digest *d, const void *data, size_t len);
/* Writes the lowercase hex digest and a NUL into hex (65 bytes); the
 * digest cannot be updated afterwards. */
void digest_final(struct digest *d, char hex[DIGEST_HEX_LEN + 1]);
void digest_free(struct digest *d);

/* The SHA-256 of a whole regular file, opened without following a link,
 * and its size. IKZ_OK; IKZ_ERR_NOINPUT when it
 * cannot be opened, IKZ_ERR_IO when reading fails (errno set either way);
 * hex and size mean something only after IKZ_OK. */
enum ikz_status digest_file(const char *path, char hex[DIGEST_HEX_LEN + 1], long long *size);

#endif
