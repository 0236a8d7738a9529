"""What both generators do at the end: write the truth CSV and export the source to PDF."""

import csv
import subprocess


def write_truth(path: str, rows: list[dict]) -> None:
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{path}: {len(rows)} actions")


def to_pdf(source: str, *options: str, target: str = "pdf") -> None:
    """``source`` exported to PDF beside it by LibreOffice (``soffice``)."""
    command = ["soffice", "--headless", *options, "--convert-to", target, source]
    subprocess.run(command, check=True, timeout=120)
