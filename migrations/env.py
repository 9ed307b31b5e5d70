"""Alembic environment: the schema is SQLModel.metadata; SQLite needs batch mode."""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import models  # noqa: F401  (registers every table on SQLModel.metadata)
from models.unmodelled import include_object

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

OPTIONS = {"target_metadata": SQLModel.metadata, "render_as_batch": True, "include_object": include_object}


def run(**connection_options) -> None:
    context.configure(**connection_options, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
elif config.attributes.get("connection") is not None:
    # factline.database.migrate passes a connection already inside one explicit transaction
    run(connection=config.attributes["connection"])
else:
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as connection:
        run(connection=connection)
