"""The web pages: Django templates with htmx for live parts and Leaflet for maps, in kk, ru and en."""
