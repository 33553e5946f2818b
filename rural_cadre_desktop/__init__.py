"""乡村振兴干部人才台账 — township registry of returnees, reserve cadres and training."""
__version__ = "0.1.0"
APP_NAME = "rural-cadre-desktop"
APP_TITLE = "乡村振兴干部人才台账"
