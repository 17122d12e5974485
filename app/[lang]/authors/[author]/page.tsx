import { authorPageRoute } from '@/app/_routes/authorRoutes';

const route = authorPageRoute();
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
