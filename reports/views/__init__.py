"""Pages of the reports core, one module per area; views stay thin (a form validates, a service acts)."""
