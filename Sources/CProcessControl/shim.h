#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

/* prctl(2) is variadic, which Swift cannot call: asks the kernel to send `signal` to this
   process when the thread that started it ends (Linux's PR_SET_PDEATHSIG). Returns 0 on
   success, -1 on failure or where the system has no such request. */
static inline int galpak_set_parent_death_signal(int signal) {
#ifdef __linux__
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
#else
    (void)signal;
    return -1;
#endif
}
