"""How the command line fails: one Chinese line and a non-zero exit status, never a traceback.

Expected failures (a busy writer lock, a missing database, a refused demo build, bad arguments) print
their own message. Anything else is an unexpected error: its traceback goes to a log file beside the
data (data/logs/fxdash-cli.log, or the temp directory when that cannot be written) under an error id
that the printed line names, so that an administrator can find it.
"""

import argparse
import datetime as dt
import re
import sys
import tempfile
import traceback
import uuid
from pathlib import Path

from fxdash.labels import versions as LV

EXIT_FAILED, EXIT_BUSY, EXIT_ARGS, EXIT_UNEXPECTED, EXIT_CANCELLED = 1, 3, 2, 70, 130


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its error line in Chinese (its messages are English and not translated)."""

    def error(self, message: str):
        command = self.prog.removeprefix("python -m fxdash").strip()
        print(LV.CLI_BAD_ARGS.format(detail=_translate(message), command=f"{command} " if command else ""),
              file=sys.stderr)
        sys.exit(EXIT_ARGS)


def _translate(message: str) -> str:
    if m := re.match(r"the following arguments are required: (.+)", message):
        if m.group(1) == "command":
            return LV.ARG_COMMAND
        return LV.ARG_REQUIRED.format(names=m.group(1).replace(", ", "、"))
    if m := re.match(r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.+)\)", message):
        return LV.ARG_CHOICE.format(name=m.group(1), value=m.group(2), choices=m.group(3).replace("'", ""))
    if m := re.match(r"unrecognized arguments: (.+)", message):
        return LV.ARG_UNKNOWN.format(names=m.group(1))
    if m := re.match(r"argument (\S+): (?:invalid \S+ value: '([^']*)'|expected one argument)", message):
        return LV.ARG_INVALID.format(name=m.group(1), value=m.group(2) or "")
    if m := re.match(r"argument (\S+): (.+)", message):  # our own type checks already speak Chinese
        return f"{m.group(1)} {m.group(2)}"
    return message


def waiting(text: str) -> None:
    """Progress while waiting for the writer lock, on stderr (stdout stays the result)."""
    print(text, file=sys.stderr, flush=True)


def run_safely(fn) -> int:
    """Run a command; turn every failure into one Chinese line and an exit status."""
    from fxdash import config, versions, writes

    try:
        return fn()
    except SystemExit as exc:  # argparse (-h, or its error above) and commands that exit on purpose
        return exc.code if isinstance(exc.code, int) else EXIT_ARGS
    except BrokenPipeError:  # the reader of our output went away (e.g. `| head`): nothing left to say
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(LV.CLI_CANCELLED, file=sys.stderr)
        return EXIT_CANCELLED
    except versions.WriterBusy as exc:
        print(exc, file=sys.stderr)
        return EXIT_BUSY
    except (writes.Refused, config.SettingError, LookupError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_FAILED
    except FileNotFoundError as exc:
        print(versions.describe_error(exc), file=sys.stderr)
        return EXIT_FAILED
    except Exception:  # noqa: BLE001 - the last line of defence: log it, say it in one line
        error_id = uuid.uuid4().hex[:8]
        log = _log_error(error_id, traceback.format_exc())
        print(LV.CLI_UNEXPECTED.format(error_id=error_id, log=log), file=sys.stderr)
        return EXIT_UNEXPECTED


def _log_error(error_id: str, text: str) -> Path:
    from fxdash import config

    entry = f"--- {dt.datetime.now().isoformat(timespec='seconds')} error {error_id}: {' '.join(sys.argv)}\n{text}\n"
    candidates = []
    try:
        candidates.append(config.load_settings().db.parent / "logs")
    except ValueError:
        pass
    candidates.append(Path(tempfile.gettempdir()))
    for folder in candidates:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / "fxdash-cli.log"
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(entry)
            return log
        except OSError:
            continue
    return Path("-")
