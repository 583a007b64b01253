"""Where the seed plan is: `../shared/seed/` beside the checkout when present, else the copy kept in the repo."""

from pathlib import Path

SEED_NAME = "ke-hoach-thi-dua-cam-giang-2025.txt"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / SEED_NAME
REPO_SEED = Path(__file__).resolve().parent / "demo_data" / SEED_NAME
SEED_PATH = SHARED_SEED if SHARED_SEED.is_file() else REPO_SEED
