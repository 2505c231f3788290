/* measure.c - runs one command and reports its wall time and peak RSS.
 *
 *     measure RESULT COMMAND [ARG...]
 *
 * Runs COMMAND with this process's standard streams, waits for it, and writes
 * "WALL_SECONDS PEAK_RSS_BYTES EXIT_STATUS CPU_SECONDS" to the file RESULT (CPU: user + system
 * time, which a machine shared with other work inflates less than the wall time). Exit status 0 unless
 * the command could not be run. A small launcher, because a child's ru_maxrss counts the
 * memory of whatever forked it: started from Python, every run would start at ~13 MB. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: measure RESULT COMMAND [ARG...]\n", stderr);
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        perror("measure: exec");
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("measure: wait4");
        return 2;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror("measure: result file");
        return 2;
    }
    long long cpu_us = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
                       ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    fprintf(f, "%lld.%09lld %lld %d %lld.%06lld\n", ns / 1000000000LL, ns % 1000000000LL,
            (long long)ru.ru_maxrss * 1024, code, cpu_us / 1000000LL, cpu_us % 1000000LL);
    return fclose(f) == 0 ? 0 : 2;
}
