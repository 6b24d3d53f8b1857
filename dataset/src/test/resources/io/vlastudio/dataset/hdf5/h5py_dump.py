"""Dumps an HDF5 file as JSON, as h5py sees it: used to cross-check Hdf5Writer output.

Usage: python3 h5py_dump.py FILE.h5  -> JSON on stdout:
{
  "hdf5_version": "...", "h5py_version": "...",
  "objects": {
    "/path": {"kind": "group", "members": [...], "attrs": {...}}
    "/path": {"kind": "dataset", "shape": [...], "dtype": "<f8", "dtype_name": "float64",
              "sha256": "...", "attrs": {...}}
  }
}
Each attribute is {"pytype": type name, "dtype": numpy dtype name or null, "value": JSON value}.
"""
import hashlib
import json
import sys

import h5py
import numpy as np


def attribute(value):
    described = {"pytype": type(value).__name__, "dtype": None}
    if isinstance(value, np.ndarray):
        described["dtype"] = value.dtype.name
        described["value"] = [decode(v) for v in value.tolist()]
    elif isinstance(value, np.generic):
        described["dtype"] = value.dtype.name
        described["value"] = decode(value.item())
    else:
        described["value"] = decode(value)
    return described


def decode(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value


def describe(obj):
    attrs = {name: attribute(obj.attrs[name]) for name in obj.attrs.keys()}
    if isinstance(obj, h5py.Group):
        return {"kind": "group", "members": list(obj.keys()), "attrs": attrs}
    data = np.ascontiguousarray(obj[()])
    return {
        "kind": "dataset",
        "shape": list(obj.shape),
        "dtype": obj.dtype.str,
        "dtype_name": obj.dtype.name,
        "layout": obj.id.get_create_plist().get_layout(),
        "compression": obj.compression,
        "sha256": hashlib.sha256(data.tobytes()).hexdigest(),
        "attrs": attrs,
    }


def main(path):
    objects = {}
    with h5py.File(path, "r") as f:
        objects["/"] = describe(f)
        f.visititems(lambda name, obj: objects.__setitem__("/" + name, describe(obj)))
    json.dump({"hdf5_version": h5py.version.hdf5_version, "h5py_version": h5py.version.version,
               "contiguous_layout": h5py.h5d.CONTIGUOUS, "objects": objects}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
