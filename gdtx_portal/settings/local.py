"""Development: DEBUG on, a throw-away secret, loopback hosts only."""

from .base import *  # noqa: F403
from .env import env_list, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-7c1f0e4b9a")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# runserver serves static files itself; WhiteNoise is for production (gunicorn).
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
