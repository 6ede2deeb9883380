/*
 * Sequential posix_spawn + waitpid of /bin/true (or /bin/echo hello with its output read through
 * a pipe, with "echo") for a number of seconds; prints the rate. The C reference of the
 * ProcessSpawn benchmarks. Build: gcc -O2 -o /tmp/spawn_true benchmarks/src/main/c/spawn_true.c
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
	int echo = argc > 1 && strcmp(argv[1], "echo") == 0;
	double seconds = argc > 2 ? atof(argv[2]) : 5;
	char *true_argv[] = { "/bin/true", NULL };
	char *echo_argv[] = { "/bin/echo", "hello", NULL };
	long runs = 0;
	double start = now();
	while (now() - start < seconds) {
		pid_t pid;
		int fds[2];
		posix_spawn_file_actions_t actions;
		posix_spawn_file_actions_init(&actions);
		if (echo) {
			if (pipe(fds) != 0) return 1;
			posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
			posix_spawn_file_actions_addclose(&actions, fds[0]);
			posix_spawn_file_actions_addclose(&actions, fds[1]);
		}
		if (posix_spawn(&pid, echo ? "/bin/echo" : "/bin/true", &actions, NULL, echo ? echo_argv : true_argv, environ) != 0) return 1;
		posix_spawn_file_actions_destroy(&actions);
		if (echo) {
			char buffer[64];
			close(fds[1]);
			while (read(fds[0], buffer, sizeof buffer) > 0) {
			}
			close(fds[0]);
		}
		int status;
		waitpid(pid, &status, 0);
		runs++;
	}
	printf("C posix_spawn %s: %.0f/s\n", echo ? "/bin/echo hello" : "/bin/true", runs / (now() - start));
	return 0;
}
