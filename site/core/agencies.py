"""The six agencies of the network, by their stable slugs.

The slugs name an agency everywhere: its page's URL, a CRM connection, a
source record, the command line (`crm_sync --agency wbmusiques`). Apps below
the page apps (the directory, the CRM mirror) need them without depending on
the agencies' pages, so they live here.
"""

AGENCY_SLUGS = ("wbmusiques", "wbimages", "wbtheatredanse", "wbarchitectures", "wbcampus", "wbdm")
