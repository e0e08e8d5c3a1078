"""libGalPaKC's C functions called directly with hostile arguments: each returns an error status
and a message, and the process goes on."""

import ctypes
import json

import numpy as np
import pytest

from pygalpak import _library
from conftest import DEMO_CUBE, DEMO_INSTRUMENT


@pytest.fixture(scope="module")
def lib():
    return _library.library()


def error(lib):
    return lib.galpak_last_error().decode()


def test_bad_handles_and_pointers_are_errors(lib):
    out = ctypes.c_double()
    params = np.zeros(10)
    assert lib.galpak_model_loglike(None, params.ctypes.data, 10, ctypes.byref(out)) == -1
    assert error(lib) == "the model handle is NULL"
    # An address that is not a handle is looked up, never dereferenced.
    assert lib.galpak_model_loglike(ctypes.c_void_p(0xDEADBEEF), params.ctypes.data, 10, ctypes.byref(out)) == -1
    assert "not a live model handle" in error(lib)
    handle = lib.galpak_model_open(str(DEMO_CUBE).encode(), json.dumps(DEMO_INSTRUMENT).encode())
    assert handle
    assert lib.galpak_model_loglike(handle, None, 10, ctypes.byref(out)) == -1 and error(lib) == "params is NULL"
    assert lib.galpak_model_loglike(handle, params.ctypes.data, -1, ctypes.byref(out)) == -1
    assert lib.galpak_model_loglike(handle, params.ctypes.data, 10, None) == -1 and error(lib) == "loglike is NULL"
    cube = np.empty(10)
    assert lib.galpak_model_evaluate(handle, params.ctypes.data, 10, 1, cube.ctypes.data, 10) == -1
    assert "the cube has 30×30×36 = 32400" in error(lib)
    assert lib.galpak_model_parameter_name(handle, 10) is None and "0..<10" in error(lib)
    assert lib.galpak_model_parameter_name(handle, 9) == b"velocity_dispersion"
    lower, upper = np.empty(10), np.empty(10)
    assert lib.galpak_model_bounds(handle, lower.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
                                   upper.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), 10) == 0
    assert tuple(lower[:2]) == (10, 10) and upper[5] == 90.5
    shape = (ctypes.c_int64 * 3)()
    assert lib.galpak_model_shape(handle, shape) == 0 and tuple(shape) == (30, 30, 36)
    assert lib.galpak_model_free(handle) == 0
    # Freed: every call is refused, a second free too.
    assert lib.galpak_model_free(handle) == -1 and "not a live model handle" in error(lib)
    assert lib.galpak_model_parameter_count(handle) == -1


@pytest.mark.parametrize("path, options, message", [
    (None, None, "cube_path is NULL"),
    (b"\xff\xfe.fits", None, "cube_path is not UTF-8 text"),
    (str(DEMO_CUBE).encode(), b"{not json", "not valid JSON"),
    (str(DEMO_CUBE).encode(), b"[1, 2]", "must be a JSON object"),
    (str(DEMO_CUBE).encode(), b'{"seeing": 0.8, "SEEING": 0.9}', "given twice"),
    (str(DEMO_CUBE).encode(), b'{"aspect": 0}', "aspect must be"),
    (str(DEMO_CUBE).encode(), b'{"line": [3726, 3726]}', "gives the rest value 3726 twice"),
])
def test_bad_open_arguments_are_errors(lib, path, options, message):
    assert not lib.galpak_model_open(path, options)
    assert message in error(lib)


def test_bad_shapes_are_errors(lib):
    assert not lib.galpak_model_new(-1, 30, 30, None) and "positive whole number" in error(lib)
    assert not lib.galpak_model_new(2**31, 2**31, 2**31, None)
    assert not lib.galpak_model_new(100000, 100000, 10000, None) and "memory" in error(lib)
    assert not lib.galpak_model_new(30, 30, 30, b'{"variance": "v.fits"}') and "unknown option 'variance'" in error(lib)
    assert not lib.galpak_model_new(30, 30, 30, b'{"instrument": "alma", "crval3": 1e11}')
    assert "cdelt3" in error(lib)
    assert lib.galpak_version() == b"0.1.0"
