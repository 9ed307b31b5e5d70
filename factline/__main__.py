from factline.cli import cli

cli()
