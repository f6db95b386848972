/* digest.c: SHA-256 with libcrypto's EVP interface, see digest.h. */
#include "digest.h"

#include <unistd.h>

#include <sys/stat.h>

#include <fcntl.h>

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>

struct digest {
    EVP_MD_CTX *ctx;
};

struct digest *digest_new(void)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        return NULL;
    }
    struct digest *d = OPENSSL_malloc(sizeof *d);
    if (!d) {
        EVP_MD_CTX_free(ctx);
        return NULL;
    }
    d->ctx = ctx;
    return d;
}

void digest_update(struct digest *d, const void *data, size_t len)
{
    if (d && len)
        EVP_DigestUpdate(d->ctx, data, len);
}

void digest_final(struct digest *d, char hex[DIGEST_HEX_LEN + 1])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    hex[0] = '\0';
    if (!d || EVP_DigestFinal_ex(d->ctx, md, &n) != 1)
        return;
    for (unsigned int i = 0; i < n && 2 * i + 2 <= DIGEST_HEX_LEN; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

void digest_free(struct digest *d)
{
    if (!d)
        return;
    EVP_MD_CTX_free(d->ctx);
    OPENSSL_free(d);
}

enum ikz_status digest_file(const char *path, char hex[DIGEST_HEX_LEN + 1], long long *size)
{
    /* Only a regular file, never through a link: a FIFO or /dev/zero in a
     * report's place would hang or never end, and a link to an identical
     * copy is not the published file. */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) {
            close(fd);
            errno = EINVAL;
        }
        return IKZ_ERR_NOINPUT;
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        close(fd);
        return IKZ_ERR_OSERR;
    }
    struct digest *d = digest_new();
    if (!d) {
        fclose(fp);
        errno = ENOMEM;
        return IKZ_ERR_OSERR;
    }
    unsigned char buf[1 << 16];
    size_t n;
    long long total = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        digest_update(d, buf, n);
        total += (long long)n;
    }
    int err = ferror(fp);
    fclose(fp);
    digest_final(d, hex);
    digest_free(d);
    if (err) {
        errno = EIO;
        return IKZ_ERR_IO;
    }
    *size = total;
    return IKZ_OK;
}
