"""fxdash: analytics for Fengxian's new-employment-group (新就业群体) social work."""
