"""``python -m dateline.spark INPUT... OUTPUT`` or ``spark-submit dateline/spark/__main__.py INPUT... OUTPUT``:
the ``dateline spark`` command without the ``dateline`` group (options as ``dateline spark --help``)."""
from dateline.commands.spark import spark_cmd

if __name__ == "__main__":
    spark_cmd.main(prog_name="dateline-spark")
