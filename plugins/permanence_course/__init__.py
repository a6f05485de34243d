"""MkDocs plugin for the Achieving Permanence course: modules, alignment checks, browser data."""
