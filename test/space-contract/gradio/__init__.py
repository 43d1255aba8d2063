"""Stand-in for gradio in the Space contract test: records the interface app.py declares instead of serving it.

launch() prints that record as JSON. When SUMOPS_CONTRACT_CALL holds a JSON list of arguments, it first calls the
endpoint's function with them, so the test can also see what the function returns.
"""

import inspect
import json
import os

_record = {"interfaces": [], "state_used": False, "queue": None}


class Error(Exception):
    pass


class _Component:
    def __init__(self, value=None, *, label=None, **kwargs):
        self.value = value
        self.label = label
        self.kwargs = kwargs

    def describe(self):
        return {"component": type(self).__name__, "label": self.label, "value": self.value}


class Textbox(_Component):
    pass


class Number(_Component):
    pass


class Slider(_Component):
    pass


class State(_Component):
    def __init__(self, *args, **kwargs):
        _record["state_used"] = True
        super().__init__(*args, **kwargs)


def _as_list(components):
    if components is None:
        return []
    return list(components) if isinstance(components, (list, tuple)) else [components]


class Interface:
    def __init__(self, fn, inputs, outputs, *, api_name="predict", **kwargs):
        self.fn = fn
        self.inputs = _as_list(inputs)
        self.outputs = _as_list(outputs)
        # Gradio >= 6: api_name=None names the endpoint after the function.
        self.api_name = fn.__name__ if api_name is None else api_name
        self.kwargs = kwargs
        _record["interfaces"].append(self)

    def queue(self, **kwargs):
        _record["queue"] = kwargs
        return self

    def describe(self):
        return {
            "api_name": self.api_name,
            "function": self.fn.__name__,
            "parameters": list(inspect.signature(self.fn).parameters),
            "inputs": [component.describe() for component in self.inputs],
            "outputs": [component.describe() for component in self.outputs],
            "state_inputs": any(isinstance(component, State) for component in self.inputs),
        }

    def launch(self, **kwargs):
        import transformers  # the stand-in next to this one

        report = {
            "interfaces": [interface.describe() for interface in _record["interfaces"]],
            "state_used": _record["state_used"],
            "queue": _record["queue"],
            "models_loaded": transformers.LOADED,
        }
        call = os.environ.get("SUMOPS_CONTRACT_CALL")
        if call:
            try:
                report["call"] = {"result": self.fn(*json.loads(call))}
            except Error as error:
                report["call"] = {"error": str(error)}
            report["call"]["generate_calls"] = transformers.GENERATE_CALLS
        print(json.dumps(report))


def __getattr__(name):
    raise AttributeError(f"the contract stand-in for gradio has no {name}; add it to test/space-contract/gradio")
