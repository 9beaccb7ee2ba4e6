"""A sentence-transformers model's transformer, run by ONNX Runtime instead of torch.

Asked one question at a time, MiniLM spends more of its time in torch's per-call overhead than
in arithmetic: ONNX Runtime gives the same vectors in less than half the time
(benchmarks/ask_latency.py). The transformer is exported to ONNX once per model folder and
kept on disk; the mean pooling that follows it in the models we use is done by the embedder.
"""

import hashlib
import os
import warnings
from pathlib import Path

import numpy as np

from .memory import freed_memory_released

# What a BERT-style transformer may be given; a tokenizer returns the ones its model takes.
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")


class OnnxTransformer:
    def __init__(self, path, tokenizer, max_length):
        self.path = path
        self.tokenizer = tokenizer
        self.max_length = max_length
        # One session per process. ONNX Runtime's threads do not survive fork(), so a worker
        # forked from the server's master process opens its own; the master's is kept, never
        # closed there, as closing it would wait for threads the worker does not have.
        self._sessions = {}

    @property
    def session(self):
        pid = os.getpid()
        if pid not in self._sessions:
            self._sessions[pid] = session_for(self.path)
        return self._sessions[pid]

    def session_closed(self):
        """Closes this process's session; the next embedding opens it again."""
        self._sessions.pop(os.getpid(), None)

    @classmethod
    def for_model(cls, model, model_path, name, export_dir):
        """The transformer of `model` (a SentenceTransformer), exported into `export_dir` on
        first use; None for a model that is not a transformer followed by mean pooling."""
        if not is_mean_pooled_transformer(model):
            return None
        path = Path(export_dir) / f"{export_key(name, model_path)}.onnx"
        if not path.exists():
            export(model, path)
        transformer = cls(path, model.tokenizer, model.max_seq_length)
        transformer.session  # noqa: B018 - opened now, so that a file it cannot read fails here
        return transformer

    def hidden_states(self, texts):
        """(the last layer's token vectors, the attention mask), both padded to the longest."""
        features = self.tokenizer(
            list(texts),
            padding=True,
            truncation=True,
            max_length=self.max_length,
            return_tensors="np",
        )
        session = self.session
        names = [model_input.name for model_input in session.get_inputs()]
        inputs = {name: features[name].astype(np.int64) for name in names}
        (hidden,) = session.run(None, inputs)
        return hidden, features["attention_mask"]


def is_mean_pooled_transformer(model):
    modules = list(model)
    if len(modules) < 2 or not hasattr(modules[0], "auto_model"):
        return False
    pooling = modules[1].get_config_dict()
    # sentence-transformers 5 names the mode; earlier releases set one flag per mode.
    mean = pooling.get("pooling_mode") == "mean" or pooling.get("pooling_mode_mean_tokens")
    others = [type(module).__name__ for module in modules[2:]]
    return bool(mean) and all(other == "Normalize" for other in others)


def export_key(name, model_path):
    """Changes whenever a file of the model folder does, so a new model is exported afresh."""
    folder = Path(model_path)
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    listing = "\n".join(
        f"{path.relative_to(folder)} {path.stat().st_size} {path.stat().st_mtime_ns}"
        for path in files
    )
    digest = hashlib.sha256(f"{folder.resolve()}\n{listing}".encode()).hexdigest()[:16]
    return f"{name}-{digest}"


def export(model, path):
    import torch

    transformer = model[0].auto_model.eval()
    sample = model.tokenizer(["How do I become a project manager?"], return_tensors="pt")
    names = [name for name in INPUT_NAMES if name in sample]

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.transformer = transformer

        def forward(self, *inputs):
            return self.transformer(**dict(zip(names, inputs, strict=True))).last_hidden_state

    path.parent.mkdir(parents=True, exist_ok=True)
    # Written under a name of this process's own, then renamed: another process starting at
    # the same time never reads half a file.
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.no_grad():
        # The tracer's notes on the model's Python branches are about other input shapes.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            LastHiddenState(),
            tuple(sample[name] for name in names),
            str(partial),
            input_names=names,
            output_names=["hidden"],
            dynamic_axes={**{name: axes for name in names}, "hidden": axes},
            opset_version=17,
            dynamo=False,
        )
    os.replace(partial, path)


def session_for(path):
    import onnxruntime
    import torch

    options = onnxruntime.SessionOptions()
    # As many threads as torch was given: `faqbase serve` shares the cores among its workers.
    options.intra_op_num_threads = torch.get_num_threads()
    # Idle threads would otherwise spin between questions, taking the cores from the
    # server's other processes.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    options.enable_cpu_mem_arena = False
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    freed_memory_released()  # the model file it read
    return session
