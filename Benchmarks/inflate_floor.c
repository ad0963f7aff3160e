// The floor for loading a profile: zlib's inflate of the whole file, in process, timed alone.
// The file is read into memory first (not timed); output goes into a reused 256 KiB chunk, which costs the
// same as inflating into one buffer. Prints the inflate time in seconds and the inflated size in bytes.
//
//   cc -O2 -o inflate_floor inflate_floor.c -lz && ./inflate_floor profile.pb.gz
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.gz\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[1], "rb");
    if (!file) {
        perror(argv[1]);
        return 1;
    }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *input = malloc(size > 0 ? (size_t)size : 1);
    if (!input || fread(input, 1, (size_t)size, file) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(file);

    enum { CHUNK = 256 * 1024 };
    static unsigned char output[CHUNK];
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return 1;
    stream.next_in = input;
    stream.avail_in = (uInt)size;
    unsigned long long total = 0;
    for (;;) {
        stream.next_out = output;
        stream.avail_out = CHUNK;
        int status = inflate(&stream, Z_NO_FLUSH);
        total += CHUNK - stream.avail_out;
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0) break;
            inflateReset(&stream);  // another gzip member
            continue;
        }
        if (status != Z_OK) {
            fprintf(stderr, "inflate: %d %s\n", status, stream.msg ? stream.msg : "");
            return 1;
        }
    }
    inflateEnd(&stream);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("%.6f %llu\n", seconds, total);
    free(input);
    return 0;
}
