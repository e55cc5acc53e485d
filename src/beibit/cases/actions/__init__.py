"""The case actions, one module per area: each public action one atomic function that writes its
event(s) through `beibit.cases.log`."""
