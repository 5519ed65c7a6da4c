"""``python -m generator`` is the ``explainer`` command."""

from generator.cli import main_exit

if __name__ == "__main__":  # not when a worker process imports it (serve's stage worker)
    main_exit()
