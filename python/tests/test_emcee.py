"""The README's emcee example on Model.loglike, run as written: it recovers the demo cube's truth."""

import contextlib
import io
import re

import numpy as np

from conftest import ROOT

MARKER = "<!-- emcee-example"


def readme_example():
    """The python block after the emcee-example marker in README.md."""
    text = (ROOT / "README.md").read_text()
    after = text[text.index(MARKER):]
    return re.search(r"```python\n(.*?)```", after, re.S).group(1)


def test_the_readme_emcee_example_recovers_the_truth(monkeypatch, demo_truth):
    monkeypatch.chdir(ROOT)
    namespace = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(readme_example(), "README.md emcee example", "exec"), namespace)
    samples, names = namespace["samples"], namespace["model"].parameter_names
    assert samples.shape == (32 * 300, 10)
    estimate = {row["name"]: (row["value"], row["stdev"]) for row in namespace["start"].parameters}
    for name, column in zip(names, samples.T):
        mean, spread = column.mean(), column.std()
        # The truth within errors: x is the farthest, 2.9 sd, as in galpak's own fits of this
        # cube (its noise pulls the centre 0.09 pixel off).
        assert abs(mean - demo_truth[name]) < 3.5 * spread, name
        # The posterior galpak finds: its mode and (Laplace) errors.
        assert abs(mean - estimate[name][0]) < 0.3 * spread, name
        assert 0.7 < spread / estimate[name][1] < 1.4, name
    assert len(printed.getvalue().splitlines()) == 10
    # emcee's walkers moved: an acceptance fraction a sampler works with.
    assert 0.15 < np.mean(namespace["sampler"].acceptance_fraction) < 0.8
