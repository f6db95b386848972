/* input_file.h: what was read of one input file.
 *
 * Every file the run reads (the register, whether CSV or GV100AD's fixed
 * width, the exports, the change list) leaves this record: its bytes, its
 * rows, its SHA-256 and how it was encoded. The reader fills it
 * (csvfile_get_info(), gv100ad_read()); the register, the change list and
 * the exports keep it, the manifest names it and the delivery's seal is
 * compared with its hash, so the large exports are hashed once. */
#ifndef IKZ_INPUT_FILE_H
#define IKZ_INPUT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text.h"

struct input_file_info {
    uint64_t bytes;     /* bytes read */
    char sha256[65];    /* of all bytes read, once the file has been read to its end */
    size_t rows;        /* data records (header not counted) */
    size_t rejected;    /* records not passed on because of a finding */
    char delimiter;
    enum text_encoding encoding;
    bool bom;
    bool utf16;         /* read as UTF-16 (it had a UTF-16 byte-order mark) */
};

#endif
