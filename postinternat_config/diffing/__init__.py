"""The parts of ``diff`` (the public entry point is :mod:`postinternat_config.diff`), from the
bottom up:

* :mod:`.loading`: the validated regions of one run, each folder read once, warnings collected;
* :mod:`.views`: the comparable view of a region or a dispositif (after inheritance, dated values
  read at the side's campaign date);
* :mod:`.sides`: what a side given on the command line is (a region, ``region@campagne``,
  ``region/dispositif``, a folder, a file, a git revision ``REV:path`` extracted to a temporary
  folder);
* :mod:`.changes`: the keyed comparison of two views, producing the changes.

No module keeps state between runs: what one run opens and meets lives in its
:class:`~.sides.Sides` (and its :class:`~.loading.Reader`).
"""
