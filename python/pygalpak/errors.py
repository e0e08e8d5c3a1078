"""The exceptions pygalpak raises: the galpak library's and executable's errors, with their message."""


class GalpakError(RuntimeError):
    """An error reported by galpak, carrying its one-line message.

    Attributes
    ----------
    message : str
        galpak's message, naming the file or option and the problem.
    status : int or None
        The executable's exit status (None for an error of the in-process library).
    command : list of str or None
        The command line that failed (None for the library).
    """

    def __init__(self, message, status=None, command=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.command = command


class BadInputError(GalpakError, ValueError):
    """Bad input (exit status 2): a file that cannot be read or used, an invalid option or
    parameter value, an output that exists or cannot be written."""


class FitFailedError(GalpakError):
    """The fit could not be carried out (exit status 1), e.g. data that leave nothing to fit."""


class StoppedError(GalpakError):
    """The command was stopped by a signal (exit status 128 + the signal) before its outputs were complete."""


def error_for_status(message, status, command):
    """The exception for a galpak executable that exited with ``status``."""
    if status == 2:
        return BadInputError(message, status, command)
    if status == 1:
        return FitFailedError(message, status, command)
    if status is not None and status > 128:
        return StoppedError(message, status, command)
    return GalpakError(message, status, command)
