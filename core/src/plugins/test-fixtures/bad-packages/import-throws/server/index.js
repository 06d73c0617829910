// A plugin that checks its environment at import time and gives up.
throw new Error('import-throws needs ACME_CRM_URL')
