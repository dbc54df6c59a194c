import Hummingbird
import VendorData
