"""YAML reading for the hooks: fast when the text is valid, clear when it is not.

PyYAML's libyaml parser (``CSafeLoader``) reads our data files and front matter
about ten times faster than its pure-Python parser, but words its errors less
plainly ("did not find expected key" where the pure-Python parser says what it
expected and found). Valid text, nearly always the case, goes through libyaml;
text with an error is read again by the pure-Python parser, whose message (and
line) is the one contributors see. Both build the same values and nodes.
"""

from __future__ import annotations

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml ships in PyYAML's wheels


# The node tree of one YAML document (None when empty) and its values, from one parse.
def compose_and_load(text):
    try:
        return _parse(text, _FAST)
    except yaml.YAMLError:
        return _parse(text, yaml.SafeLoader)  # raises the error, worded for people


# The values of one YAML document.
def load(text):
    return compose_and_load(text)[1]


# The node tree of one YAML document, values not constructed (so custom tags such as !ENV need no loader).
def compose(text):
    try:
        return yaml.compose(text, Loader=_FAST)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=yaml.SafeLoader)


def _parse(text, loader_class):
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()
