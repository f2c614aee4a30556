/* parallel.c -- a minimal parallel-for over POSIX threads. */
#include "ilrs/core.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

/* Below this many items the thread start-up costs more than it saves. */
#define MIN_ITEMS_PER_THREAD 256

typedef struct {
    ilrs_range_fn fn;
    void *ctx;
    size_t begin, end;
    int status;
} chunk;

static void *run_chunk(void *arg)
{
    chunk *c = arg;
    c->status = c->fn(c->ctx, c->begin, c->end);
    return NULL;
}

int ilrs_ncpu(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

int ilrs_parallel_for(size_t n, int nthreads, ilrs_range_fn fn, void *ctx)
{
    if (nthreads <= 0)
        nthreads = ilrs_ncpu();
    if ((size_t)nthreads > n / MIN_ITEMS_PER_THREAD)
        nthreads = (int)(n / MIN_ITEMS_PER_THREAD);
    if (nthreads <= 1)
        return n ? fn(ctx, 0, n) : ILRS_OK;

    chunk *chunks = calloc((size_t)nthreads, sizeof *chunks);
    pthread_t *tids = calloc((size_t)nthreads, sizeof *tids);
    char *started = calloc((size_t)nthreads, 1);
    if (!chunks || !tids || !started) {
        free(chunks);
        free(tids);
        free(started);
        return fn(ctx, 0, n);
    }
    size_t per = n / (size_t)nthreads, extra = n % (size_t)nthreads, at = 0;
    for (int i = 0; i < nthreads; i++) {
        size_t len = per + ((size_t)i < extra);
        chunks[i] = (chunk){fn, ctx, at, at + len, ILRS_OK};
        at += len;
    }
    /* Chunk 0 runs here; a thread that fails to start runs here too. */
    for (int i = 1; i < nthreads; i++)
        started[i] = pthread_create(&tids[i], NULL, run_chunk, &chunks[i]) == 0;
    run_chunk(&chunks[0]);
    int status = ILRS_OK;
    for (int i = 1; i < nthreads; i++) {
        if (started[i])
            pthread_join(tids[i], NULL);
        else
            run_chunk(&chunks[i]);
    }
    for (int i = 0; i < nthreads; i++)
        if (chunks[i].status != ILRS_OK && status == ILRS_OK)
            status = chunks[i].status;
    free(chunks);
    free(tids);
    free(started);
    return status;
}
