"""libGalPaKC through ctypes: loaded once, every function declared with its C types (galpak.h)."""

import ctypes
import threading

from ._binaries import library_path
from .errors import BadInputError

_lock = threading.Lock()
_library = None

_c_double_p = ctypes.POINTER(ctypes.c_double)
_c_int64_p = ctypes.POINTER(ctypes.c_int64)

# name: (result type, argument types)
_SIGNATURES = {
    "galpak_model_open": (ctypes.c_void_p, [ctypes.c_char_p, ctypes.c_char_p]),
    "galpak_model_new": (ctypes.c_void_p, [ctypes.c_int64, ctypes.c_int64, ctypes.c_int64, ctypes.c_char_p]),
    "galpak_model_free": (ctypes.c_int32, [ctypes.c_void_p]),
    "galpak_model_evaluate": (ctypes.c_int32, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, ctypes.c_int32,
                                               ctypes.c_void_p, ctypes.c_int64]),
    "galpak_model_chi2": (ctypes.c_int32, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, _c_double_p]),
    "galpak_model_loglike": (ctypes.c_int32, [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int64, _c_double_p]),
    "galpak_model_shape": (ctypes.c_int32, [ctypes.c_void_p, _c_int64_p]),
    "galpak_model_parameter_count": (ctypes.c_int64, [ctypes.c_void_p]),
    "galpak_model_parameter_name": (ctypes.c_char_p, [ctypes.c_void_p, ctypes.c_int64]),
    "galpak_model_bounds": (ctypes.c_int32, [ctypes.c_void_p, _c_double_p, _c_double_p, ctypes.c_int64]),
    "galpak_model_info": (ctypes.c_char_p, [ctypes.c_void_p]),
    "galpak_last_error": (ctypes.c_char_p, []),
    "galpak_version": (ctypes.c_char_p, []),
}


def library():
    """The loaded library (loaded on first use)."""
    global _library
    with _lock:
        if _library is None:
            loaded = ctypes.CDLL(str(library_path()))
            for name, (result, arguments) in _SIGNATURES.items():
                function = getattr(loaded, name)
                function.restype = result
                function.argtypes = arguments
            _library = loaded
        return _library


def last_error():
    """The library's message for the last failure on this thread."""
    message = library().galpak_last_error()
    return message.decode("utf-8", "replace") if message else "unknown error in libGalPaKC"


def check(status):
    """Raises BadInputError with the library's message when ``status`` is negative."""
    if status < 0:
        raise BadInputError(last_error())
    return status


def check_pointer(pointer):
    """Raises BadInputError with the library's message when ``pointer`` is NULL."""
    if not pointer:
        raise BadInputError(last_error())
    return pointer
