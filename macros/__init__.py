"""The site's Python package. For the macros plugin it exposes only `define_env`; the rest lives in small modules."""


def define_env(env) -> None:
    """Called by mkdocs-macros once per build, after the site plugin has loaded the catalog."""
    from .site import site_macros

    plugin = env.conf["plugins"].get("udsatte")
    if plugin is None or not hasattr(plugin, "catalog"):
        raise RuntimeError("Pluginet 'udsatte' skal stå før 'macros' under plugins i mkdocs.yml")
    site_macros.register(env, plugin.catalog, plugin.changes)
