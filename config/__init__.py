"""Configuration: settings from the environment and the YAML files beside this module."""
