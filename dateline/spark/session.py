"""A SparkSession for dateline: the settings a local run and the tests need, a clear Java check.

On a cluster, ``spark-submit`` has already configured the session: :func:`session` then only
adds what is not set (``getOrCreate`` keeps the submitted master and settings).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from ..errors import DatelineError

MIN_JAVA = 17


class SparkSetupError(DatelineError):
    """PySpark or a suitable Java is missing."""


def java_version() -> int | None:
    """The major version of the ``java`` Spark will start (``$JAVA_HOME/bin/java``, else PATH)."""
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def check_setup() -> None:
    """Raise :class:`SparkSetupError` naming what is missing (PySpark, Java 17+)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkSetupError("PySpark is not installed: pip install 'dateline[spark]'") from None
    v = java_version()
    if v is None:
        raise SparkSetupError(f"Spark needs Java {MIN_JAVA} or later and none was found (set JAVA_HOME or put "
                              "java on PATH; e.g. apt-get install openjdk-17-jre-headless)")
    if v < MIN_JAVA:
        raise SparkSetupError(f"Spark 4 needs Java {MIN_JAVA} or later; found Java {v} (set JAVA_HOME)")


LOCAL_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.python.worker.reuse": "true",
    "spark.sql.execution.arrow.pyspark.enabled": "false",
}


def session(master: str | None = None, app: str = "dateline", conf: dict[str, str] | None = None):
    """A SparkSession; with ``master`` (e.g. ``local[2]``) the local settings above apply."""
    check_setup()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
        for k, v in LOCAL_CONF.items():
            builder = builder.config(k, v)
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
